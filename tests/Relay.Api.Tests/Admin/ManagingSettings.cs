using System.Text.Json.Nodes;
using Alba;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Mapping;
using Relay.Domain.Orders;
using Relay.Domain.Settings;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Admin;

/// <summary>Flow settings checked against AccountView's codes, their history and restore, flows on and off, the data mapper.</summary>
[Collection(RelayCollection.Name)]
public sealed class ManagingSettings(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static SimulatedOrder PaidOrder(string email = "piet@example.nl") =>
        new(email, "Piet", "Puk", [new("ART-00001", 2)], Paid: true, Street: "Kerkstraat", HouseNumber: 5, Zipcode: "8011AA", City: "Zwolle");

    [Fact]
    public async Task Codes_AccountView_does_not_have_are_refused_with_the_field_named_and_nothing_changes()
    {
        await relay.ConnectSimulatorsAsync();

        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 400,
            new OrderFlowSettings { VatCodes = [new("NL", 21, "ZZ")], DefaultRevenueAccount = "9999", DefaultShippingMethod = "TELEPORT" });

        var errors = (await answer.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["vatCodes[0].code", "defaultRevenueAccount", "defaultShippingMethod"], ignoreOrder: true);
        errors["vatCodes[0].code"]![0]!.ToString().ShouldContain("ZZ");
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Orders.DefaultRevenueAccount.ShouldBe("8000");
        (await relay.Host.GetAdminAsync<JsonArray>("/api/connections/shop-1/settings/history")).Count.ShouldBe(1);

        // The same settings with codes AccountView has are taken.
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200,
            new OrderFlowSettings { VatCodes = [new("NL", 21, "h1")], DefaultRevenueAccount = "8100", DefaultShippingMethod = "DHL" });
    }

    [Fact]
    public async Task Every_change_is_in_the_history_and_an_earlier_version_can_be_restored()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200, new OrderFlowSettings { DefaultDebtor = "10001" });
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/stock", RelayFixture.AdminKey, 200, new Relay.Domain.Stock.StockFlowSettings { Enabled = false, SafetyBuffer = 3 });
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders/enabled", RelayFixture.AdminKey, 200, new { enabled = false });

        var history = await relay.Host.GetAdminAsync<List<ConnectionSettingsEndpoints.SettingsVersion>>("/api/connections/shop-1/settings/history");
        history.Select(v => (v.Version, v.Part)).ShouldBe([(4, "orders"), (3, "stock"), (2, "orders"), (1, "created")]);
        history.ShouldAllBe(v => v.ChangedBy == "bootstrap");
        history[0].Before.Orders.Enabled.ShouldBeTrue();
        history[0].After.Orders.Enabled.ShouldBeFalse();
        history[1].After.Stock!.SafetyBuffer.ShouldBe(3);

        var restored = await (await relay.Host.CallAsync("POST", "/api/connections/shop-1/settings/history/2/restore", RelayFixture.AdminKey, 200)).ReadAsJsonAsync<ConnectionSettings>();

        restored!.Orders.DefaultDebtor.ShouldBe("10001");
        restored.Orders.Enabled.ShouldBeTrue();
        restored.Stock.ShouldBeNull();
        var after = await relay.Host.GetAdminAsync<List<ConnectionSettingsEndpoints.SettingsVersion>>("/api/connections/shop-1/settings/history");
        after[0].Part.ShouldBe("restore");
        after[0].RestoredVersion.ShouldBe(2);
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/settings/history/99/restore", RelayFixture.AdminKey, 404);
    }

    [Fact]
    public async Task Mapper_overrides_change_what_the_order_flow_sends()
    {
        await relay.ConnectSimulatorsAsync();
        FieldMapping[] mappings =
        [
            new("order.REF_TEXT", Concat: ["order.number", "customer.name"], Separator: " / "),
            new("debtor.ACCT_NAME", From: "customer.email", Upper: true),
            new("line.TRN_DESC", From: "line.articleCode", Prefix: "SKU "),
            new("order.SHIP_MTH", From: "order.deliverMethod", Lookup: new Dictionary<string, string> { ["shipping"] = "DHL" }),
        ];
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 200, mappings);

        var id = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var header = relay.SalesOrdersFor("WEB-1001").Single();
        header["REF_TEXT"]!.ToString().ShouldBe("WEB-1001 / Piet Puk");
        header["SHIP_MTH"]!.ToString().ShouldBe("DHL");
        relay.Simulators.AccountView.Rows("CONTACT").Single(c => c["MAIL_BUS"]?.ToString() == "piet@example.nl")["ACCT_NAME"]!.ToString().ShouldBe("PIET@EXAMPLE.NL");
        relay.Simulators.AccountView.Rows("SO_LINE").Where(l => l["ORD_NR"]?.ToString() == header["ORD_NR"]!.ToString())
            .Select(l => l["TRN_DESC"]?.ToString()).ShouldContain("SKU ART-00001");
    }

    [Fact]
    public async Task Bad_mapper_overrides_are_refused_with_the_field_named()
    {
        await relay.ConnectSimulatorsAsync();

        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 400, new FieldMapping[]
        {
            new("order.REF_TEXT", From: "customer.shoeSize"),
            new("invoice.x", Constant: "1"),
            new("order.COMMENT1", From: "order.number", Constant: "also"),
        });

        var errors = (await answer.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["mappings[0].from", "mappings[1].target", "mappings[2]"], ignoreOrder: true);
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Mappings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Dry_run_replay_answers_the_exact_requests_and_sends_nothing()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        var id = await relay.PlaceOrderAsync(PaidOrder("nieuw@example.nl"));
        var key = WorkKey.ForShopEntity("shop-1", ShopEntity.Order, id.ToString());
        await Eventually.WaitAsync(async () => (await relay.Store.QuerySession().LoadAsync<WorkItem>(key)) is not null, TimeSpan.FromSeconds(10), () => "no work item");
        var debtors = relay.Simulators.AccountView.Rows("CONTACT").Count;
        var eventsBefore = (await relay.Host.GetAdminAsync<JsonArray>($"/api/work-items/{key}/events")).Count;

        var answer = await relay.Host.CallAsync("POST", $"/api/work-items/{key}/replay?dryRun=true", RelayFixture.AdminKey, 200);

        var dryRun = (await answer.ReadAsJsonAsync<JsonObject>())!;
        dryRun["outcome"]!.ToString().ShouldBe("would be sent");
        var requests = dryRun["requests"]!.AsArray();
        requests.Select(r => r!["body"]!["BusinessObject"]!.ToString()).ShouldBe(["AR1", "SO1"]);
        requests.ShouldAllBe(r => r!["method"]!.ToString() == "POST" && r["url"]!.ToString().EndsWith("/api/v3/accountviewdata"));
        requests[1]!["body"]!.ToJsonString().ShouldContain("WEB-1001");
        dryRun["decisions"]!.AsArray().Count.ShouldBeGreaterThan(0);

        relay.Simulators.AccountView.Rows("CONTACT").Count.ShouldBe(debtors);
        relay.Simulators.AccountView.Rows("SO_HDR").ShouldBeEmpty();
        (await relay.Host.GetAdminAsync<JsonArray>($"/api/work-items/{key}/events")).Count.ShouldBe(eventsBefore);
    }

    [Fact]
    public async Task Mapper_preview_shows_a_real_order_with_the_proposed_overrides()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false, DefaultDebtor = "10001" });
        var id = await relay.PlaceOrderAsync(PaidOrder());

        var answer = await relay.Host.CallAsync("POST", "/api/connections/shop-1/mappings/preview", RelayFixture.AdminKey, 200,
            new { orderId = id, mappings = new[] { new FieldMapping("order.REF_TEXT", Constant: "Webshop") } });

        var request = (await answer.ReadAsJsonAsync<JsonObject>())!["requests"]!.AsArray().Single()!;
        request["body"]!["BusinessObject"]!.ToString().ShouldBe("SO1");
        request["body"]!.ToJsonString().ShouldContain("\"Webshop\"");
        relay.Simulators.AccountView.Rows("SO_HDR").ShouldBeEmpty();
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Mappings.ShouldBeEmpty();
    }
}
