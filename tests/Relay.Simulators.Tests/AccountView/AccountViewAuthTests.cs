using System.Net;

namespace Relay.Simulators.Tests.AccountView;

public sealed class AccountViewAuthTests : SimulatorTest
{
    [Fact]
    public async Task Code_flow_gives_tokens_that_open_the_data_api()
    {
        using var av = new AccountViewCalls(Host.AccountViewUrl);

        var token = await av.AuthoriseAsync();
        var (companies, list) = await av.SendAsync(HttpMethod.Get, "companies", withCompany: false);

        token["token_type"]!.GetValue<string>().ShouldBe("bearer");
        token["expires_in"]!.GetValue<int>().ShouldBe(3600);
        token["refresh_token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        companies.StatusCode.ShouldBe(HttpStatusCode.OK);
        list![0]!["Id"]!.GetValue<string>().ShouldBe("sandbox-company");
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_an_old_one_is_refused()
    {
        using var av = new AccountViewCalls(Host.AccountViewUrl);
        var first = (await av.AuthoriseAsync())["refresh_token"]!.GetValue<string>();

        var (renewed, body) = await Refresh(av, first);
        var (reused, error) = await Refresh(av, first);

        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        body!["refresh_token"]!.GetValue<string>().ShouldNotBe(first);
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error!["error"]!.GetValue<string>().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task An_access_token_expires_after_its_lifetime_and_a_refresh_restores_access()
    {
        using var av = new AccountViewCalls(Host.AccountViewUrl);
        var refresh = (await av.AuthoriseAsync())["refresh_token"]!.GetValue<string>();
        Clock.Advance(TimeSpan.FromMinutes(61));

        var (expired, error) = await av.SendAsync(HttpMethod.Get, "accountviewdata?BusinessObject=VA1");
        var (_, renewed) = await Refresh(av, refresh);
        av.AccessToken = renewed!["access_token"]!.GetValue<string>();
        var (again, _) = await av.SendAsync(HttpMethod.Get, "accountviewdata?BusinessObject=VA1");

        expired.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error!["ErrorMessage"]!.GetValue<string>().ShouldContain("expired");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("sandbox-client", "wrong", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData("sandbox-client", "sandbox-client-secret", HttpStatusCode.BadRequest, "invalid_grant")]
    public async Task Bad_token_requests_are_refused(string clientId, string secret, HttpStatusCode status, string error)
    {
        using var av = new AccountViewCalls(Host.AccountViewUrl);

        var (response, body) = await av.TokenAsync(("grant_type", "refresh_token"), ("refresh_token", "made-up"), ("client_id", clientId), ("client_secret", secret));

        response.StatusCode.ShouldBe(status);
        body!["error"]!.GetValue<string>().ShouldBe(error);
    }

    [Fact]
    public async Task Data_calls_need_a_known_company()
    {
        using var av = new AccountViewCalls(Host.AccountViewUrl);
        await av.AuthoriseAsync();

        var (missing, missingError) = await av.SendAsync(HttpMethod.Get, "accountviewdata?BusinessObject=VA1", withCompany: false);
        av.Company = "someone-else";
        var (unknown, _) = await av.SendAsync(HttpMethod.Get, "accountviewdata?BusinessObject=VA1");

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        missingError!["ErrorMessage"]!.GetValue<string>().ShouldContain("x-company");
        missingError["ErrorType"]!.GetValue<string>().ShouldBe("AccountViewError");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_read_only_token_cannot_write()
    {
        using var av = new AccountViewCalls(Host.AccountViewUrl);
        await av.AuthoriseAsync("readaccountviewdata");

        var (response, _) = await av.SendAsync(HttpMethod.Post, "accountviewdata",
            AccountViewCalls.Envelope("AG1", "ART_GRP", ["RowId", "AG_CODE", "AG_DESC"], [["1", "NIEUW", "Nieuw"]]));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static Task<(HttpResponseMessage, System.Text.Json.Nodes.JsonNode?)> Refresh(AccountViewCalls av, string token) =>
        av.TokenAsync(("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", "sandbox-client"), ("client_secret", "sandbox-client-secret"));
}
