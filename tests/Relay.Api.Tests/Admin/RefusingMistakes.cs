using System.Text.Json.Nodes;
using Alba;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Settings;

namespace Relay.Api.Tests.Admin;

/// <summary>A script with a typo gets a 400 that names the member, and nothing changes: bodies are read strictly.</summary>
[Collection(RelayCollection.Name)]
public sealed class RefusingMistakes(RelayFixture relay) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false, ReconciliationMinutes = 7 });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, string, string, string> Bodies => new()
    {
        // name, route, body, the member named, words of the reason
        { "a misspelt member", "/flows/orders", """{ "enabled": false, "enabeld": false }""", "enabeld", "not a member" },
        { "a required member left out", "/flows/orders", """{ "onlyPaid": false }""", "enabled", "Required" },
        { "an enum as a number", "/flows/orders", """{ "enabled": false, "document": 12345 }""", "document", "one of SalesOrder, SalesInvoice" },
        { "a wrong type", "/flows/orders", """{ "enabled": "yes" }""", "enabled", "true or false" },
        { "a nested misspelt member", "/settings", """{ "orders": { "enabled": false, "enabeld": true }, "mappings": [] }""", "orders.enabeld",
            "not a member" },
        { "a nested wrong type", "/flows/orders", """{ "enabled": false, "vatCodes": [ { "country": "NL", "rate": "high", "code": "H1" } ] }""",
            "vatCodes[0].rate", "a number" },
        { "a switch without its value", "/flows/orders/enabled", """{}""", "enabled", "Required" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_is_not_the_document_is_a_400_naming_the_member_and_nothing_changes(string name, string route, string body,
        string member, string reason)
    {
        var before = await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1/settings");

        var answer = await relay.Host.CallAsync("PUT", $"/api/connections/shop-1{route}", RelayFixture.AdminKey, 400, JsonNode.Parse(body));

        answer.Context.Response.ContentType.ShouldBe("application/problem+json", name);
        var errors = (await answer.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject();
        if (reason == "Required") errors.Select(e => e.Key).ShouldContain(member, name); // every member left out is named
        else errors.Select(e => e.Key).ShouldBe([member], name);
        errors[member]![0]!.ToString().ShouldContain(reason, Case.Insensitive, name);
        (await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1/settings")).ToJsonString().ShouldBe(before.ToJsonString(), name);
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Orders.Enabled.ShouldBeFalse(name);
    }

    [Fact]
    public async Task What_a_get_answers_can_be_put_back_as_it_is()
    {
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 200,
            new[] { new Domain.Mapping.FieldMapping("order.COMMENT2", From: "order.number"), new Domain.Mapping.FieldMapping("order.TO_EMAIL", Drop: true) });
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/stock", RelayFixture.AdminKey, 200, new Domain.Stock.StockFlowSettings());
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/products", RelayFixture.AdminKey, 200, new Domain.Products.ProductFlowSettings());
        var settings = await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1/settings");
        var mappings = await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1/mappings");

        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/settings", RelayFixture.AdminKey, 200, settings);
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 200, mappings["overrides"]);
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200, settings["orders"]);
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/stock", RelayFixture.AdminKey, 200, settings["stock"]);
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/products", RelayFixture.AdminKey, 200, settings["products"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "connection": "shop-1" }""")]
    [InlineData("""{ "errorContains": "" }""")]
    public async Task A_bulk_replay_without_a_filter_or_with_a_misspelt_one_queues_nothing(string body)
    {
        var id = await relay.PlaceOrderAsync(new Relay.Simulators.CcvShop.SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)]));
        var key = $"ccv:shop-1:order:{id}";
        await Eventually.WaitAsync(async () => (await relay.Store.QuerySession().LoadAsync<Domain.WorkItems.WorkItem>(key)) is not null,
            TimeSpan.FromSeconds(10), () => "no work item");
        var before = (await relay.Host.GetAdminAsync<JsonArray>($"/api/work-items/{key}/events")).Count;

        var answer = await relay.Host.CallAsync("POST", "/api/work-items/replay", RelayFixture.AdminKey, 400, JsonNode.Parse(body));

        (await answer.ReadAsTextAsync()).ShouldContain(body.Contains("connection\"") ? "connection" : "all");
        (await relay.Host.GetAdminAsync<JsonArray>($"/api/work-items/{key}/events")).Count.ShouldBe(before);
        var all = await relay.Host.CallAsync("POST", "/api/work-items/replay", RelayFixture.AdminKey, 202, JsonNode.Parse("""{ "all": true }"""));
        (await all.ReadAsJsonAsync<Features.WorkItems.ReplayAnswer>())!.Queued.ShouldBe(1);
        (await relay.Host.GetAdminAsync<JsonArray>($"/api/work-items/{key}/events")).Count.ShouldBe(before + 1);
    }

    [Fact]
    public async Task An_order_filter_longer_than_an_order_number_is_a_400_naming_it_and_replays_nothing()
    {
        var order = new string('9', 51);
        (await (await relay.Host.CallAsync("GET", $"/api/work-items?order={order}", RelayFixture.AdminKey, 400))
            .ReadAsTextAsync()).ShouldContain("\"order\"");
        var bulk = await relay.Host.CallAsync("POST", "/api/work-items/replay", RelayFixture.AdminKey, 400,
            new JsonObject { ["order"] = order });
        (await bulk.ReadAsTextAsync()).ShouldContain("order");
    }

    [Theory]
    [InlineData("status=1")]
    [InlineData("flow=12345")]
    [InlineData("status=Failed&flow=2")]
    public async Task An_enum_given_as_a_number_in_a_query_is_a_400(string query) =>
        (await (await relay.Host.CallAsync("GET", $"/api/work-items?{query}", RelayFixture.AdminKey, 400)).ReadAsTextAsync()).ShouldContain("by name");

    [Fact]
    public async Task A_shop_refusing_the_credentials_during_a_reconciliation_is_a_502_naming_the_shop()
    {
        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new Features.Connections.UpdateConnectionRequest(
            CcvShop: new Features.Connections.CcvShopCredentialsRequest(relay.Simulators.CcvShopUrl, "sandbox-public", "not-the-secret")));

        var answer = await relay.Host.CallAsync("POST", "/api/connections/shop-1/reconcile", RelayFixture.AdminKey, 502);

        var problem = (await answer.ReadAsJsonAsync<JsonObject>())!;
        problem["title"]!.ToString().ShouldBe("CCV Shop failed");
        problem["detail"]!.ToString().ShouldStartWith("CCV Shop answered 401");
        problem.ToJsonString().ShouldNotContain("not-the-secret");
    }
}
