using System.Text.Json.Nodes;
using Alba;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.Admin;

/// <summary>
/// Relay reads each administration's data dictionary (accountview-api.md §3.1, Example 9) when a connection is verified,
/// keeps it, shows it, and reads it again on demand: what it writes is fitted to it.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class ReadingTheDataDictionary(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Task<AccountViewFieldsEndpoints.AccountViewFieldsResponse> FieldsAsync() =>
        relay.Host.GetAdminAsync<AccountViewFieldsEndpoints.AccountViewFieldsResponse>("/api/connections/shop-1/accountview/fields");

    [Fact]
    public async Task Verifying_reads_the_dictionary_and_the_fields_route_shows_each_table_relay_writes()
    {
        await relay.ConnectSimulatorsAsync();
        var calls = relay.Simulators.AccountView.Journal.Entries.Count;

        var check = await (await relay.Host.CallAsync("POST", "/api/connections/shop-1/verify", RelayFixture.AdminKey, 200))
            .ReadAsJsonAsync<ConnectionCheckResponse>();
        var fields = await FieldsAsync();

        check!.AccountView.Message.ShouldContain("Its data dictionary was read (8 tables)");
        fields.Problem.ShouldBeNull();
        fields.Tables.Select(t => t.Table).ShouldBe(["CONTACT", "DEL_ADDR", "SO_HDR", "SO_LINE", "DJ_PAGE", "DJ_LINE", "ARTICLE", "ART_GRP"]);
        fields.Tables.ShouldAllBe(t => t.Known);
        var header = fields.Tables.Single(t => t.Table == "SO_HDR").Fields;
        header.Single(f => f.Name == "RPL_INV").ShouldBe(new Domain.Mapping.FieldSpec("RPL_INV", "C", 10, true, "Factuurdebiteur", Code: true));
        header.ShouldNotContain(f => f.Name == "PAY_TYPE");
        fields.BusinessObjects.ShouldNotBeNull().ShouldNotContain("DC1");
        // Kept: the GET and the orders after it read no dictionary again.
        var id = await relay.PlaceOrderAsync(new Relay.Simulators.CcvShop.SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        var dictionaryReads = relay.Simulators.AccountView.Journal.Entries.Skip(calls).Count(e => e.Target.Contains("accountviewsystemdata"));
        dictionaryReads.ShouldBe(8);
    }

    [Fact]
    public async Task A_dictionary_that_cannot_be_read_keeps_the_last_one_and_says_why()
    {
        await relay.ConnectSimulatorsAsync();
        (await FieldsAsync()).Tables.ShouldAllBe(t => t.Known); // read on first use
        await SetClientSecretAsync("not-the-client-secret");
        relay.Simulators.AccountView.Tokens.ExpireAccessTokens();

        var refused = await relay.Host.CallAsync("POST", "/api/connections/shop-1/accountview/fields/refresh", RelayFixture.AdminKey, 502);

        (await refused.ReadAsTextAsync()).ShouldContain("stays in use");
        await SetClientSecretAsync("sandbox-client-secret");
        var kept = await FieldsAsync();
        kept.Problem.ShouldNotBeNull();
        kept.Tables.ShouldAllBe(t => t.Known);
        (await (await relay.Host.CallAsync("POST", "/api/connections/shop-1/accountview/fields/refresh", RelayFixture.AdminKey, 200))
            .ReadAsJsonAsync<AccountViewFieldsEndpoints.AccountViewFieldsResponse>())!.Problem.ShouldBeNull();
    }

    private Task SetClientSecretAsync(string secret) =>
        relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new UpdateConnectionRequest(
            AccountView: new AccountViewCredentialsRequest(relay.Simulators.AccountViewUrl, "sandbox-client", secret, "sandbox-company")));

    [Fact]
    public async Task Moving_the_connection_to_another_administration_reads_that_ones_dictionary()
    {
        await relay.ConnectSimulatorsAsync();
        (await FieldsAsync()).Tables.Single(t => t.Table == "SO_HDR").Fields.ShouldNotContain(f => f.Name == "PAY_TYPE");

        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new UpdateConnectionRequest(
            AccountView: new AccountViewCredentialsRequest(relay.Simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret",
                "extended-company", relay.Simulators.AccountView.Tokens.IssueRefreshToken())));

        (await FieldsAsync()).Tables.Single(t => t.Table == "SO_HDR").Fields.ShouldContain(f => f.Name == "PAY_TYPE");
    }

    [Fact]
    public async Task The_accountview_address_may_be_given_with_its_api_path()
    {
        await relay.ConnectSimulatorsAsync(accountViewUrl: relay.Simulators.AccountViewUrl + "/api/v3/");

        var connection = await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1");
        connection["accountView"]!["baseUrl"]!.ToString().ShouldBe(relay.Simulators.AccountViewUrl);
        var id = await relay.PlaceOrderAsync(new Relay.Simulators.CcvShop.SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
    }
}
