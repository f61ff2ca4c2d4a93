using Alba;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Admin;

/// <summary>POST /api/connections/{id}/verify tells a merchant precisely which credential is wrong.</summary>
[Collection(RelayCollection.Name)]
public sealed class VerifyingConnections(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Good_credentials_pass_on_both_sides()
    {
        var check = await VerifyAsync();

        check.CcvShop.Ok.ShouldBeTrue(check.CcvShop.Message);
        check.AccountView.Ok.ShouldBeTrue(check.AccountView.Message);
    }

    public static TheoryData<string, string, string> BrokenShop => new()
    {
        { "wrong public key", "someone-else", "public key" },
        { "wrong secret", "sandbox-public", "secret key" },
    };

    [Theory]
    [MemberData(nameof(BrokenShop))]
    public async Task A_broken_shop_credential_is_named(string name, string publicKey, string expected)
    {
        var check = await VerifyAsync(publicKey: publicKey, secret: "not-the-secret");

        check.CcvShop.Ok.ShouldBeFalse(name);
        check.CcvShop.Message.ShouldContain(expected);
        check.AccountView.Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task Clock_skew_is_named()
    {
        relay.Simulators.CcvShop.Options.MaxClockSkew = TimeSpan.FromTicks(-1); // every x-date is "too far" now
        try
        {
            var check = await VerifyAsync();
            check.CcvShop.Message.ShouldContain("clock");
        }
        finally
        {
            relay.Simulators.CcvShop.Options.MaxClockSkew = TimeSpan.FromMinutes(5);
        }
    }

    public static TheoryData<string, string?, string?, string, string> BrokenAccountView => new()
    {
        // name, company, client secret, refresh token kind, expected words
        { "not authorised yet", "sandbox-company", null, "none", "not been authorised" },
        { "refresh token revoked", "sandbox-company", null, "revoked", "authorise Relay for AccountView again" },
        { "wrong client secret", "sandbox-company", "wrong", "valid", "client id and secret" },
        { "no company chosen", null, null, "valid", "No AccountView company is chosen" },
        { "company of someone else", "other-company", null, "valid", "no access to company 'other-company'" },
        { "read-only rights", "sandbox-company", null, "read-only", "read but not write" },
    };

    [Theory]
    [MemberData(nameof(BrokenAccountView))]
    public async Task A_broken_accountview_credential_is_named(string name, string? company, string? clientSecret, string token, string expected)
    {
        var refreshToken = token switch
        {
            "none" => null,
            "read-only" => relay.Simulators.AccountView.Tokens.IssueRefreshToken("readaccountviewdata"),
            "revoked" => "revoked-long-ago",
            _ => relay.Simulators.AccountView.Tokens.IssueRefreshToken(),
        };

        var check = await VerifyAsync(company: company, clientSecret: clientSecret ?? "sandbox-client-secret", refreshToken: refreshToken, useDefaultCompany: false);

        check.AccountView.Ok.ShouldBeFalse(name);
        check.AccountView.Message.ShouldContain(expected, Case.Insensitive, name);
        check.CcvShop.Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task Verifying_an_unknown_connection_is_404()
    {
        await relay.Host.Scenario(s =>
        {
            s.Post.Url("/api/connections/nope/verify");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(404);
        });
    }

    private async Task<ConnectionCheckResponse> VerifyAsync(string publicKey = "sandbox-public", string secret = "sandbox-secret",
        string? company = "sandbox-company", string clientSecret = "sandbox-client-secret", string? refreshToken = "", bool useDefaultCompany = true)
    {
        if (refreshToken == "") refreshToken = relay.Simulators.AccountView.Tokens.IssueRefreshToken();
        await relay.Host.Scenario(s =>
        {
            s.Post.Json(new CreateConnectionRequest("shop-1", "Shop", new CcvShopCredentialsRequest(relay.Simulators.CcvShopUrl, publicKey, secret),
                    new AccountViewCredentialsRequest(relay.Simulators.AccountViewUrl, "sandbox-client", clientSecret,
                        useDefaultCompany ? "sandbox-company" : company, refreshToken), null))
                .ToUrl("/api/connections");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(201);
        });
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Url("/api/connections/shop-1/verify");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<ConnectionCheckResponse>())!;
    }
}
