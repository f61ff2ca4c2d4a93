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
        await relay.ConnectSimulatorsAsync(company: "extended-company"); // it has a list of shipping methods (SM1)

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
    public async Task Settings_naming_a_code_list_the_administration_lacks_save_with_a_warning()
    {
        await relay.ConnectSimulatorsAsync(); // a standard administration: no business objects for terms, payment or shipping methods

        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200,
            new OrderFlowSettings { DefaultShippingMethod = "TELEPORT", ShippingRevenueAccount = "8300" });

        var warnings = (await answer.ReadAsJsonAsync<JsonObject>())!["warnings"]!.AsArray().Select(w => w!.ToString()).ToList();
        warnings.Count.ShouldBe(3);
        warnings.ShouldContain(w => w.Contains("ShippingMethods (SM1) is not available in this administration"));
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Orders.DefaultShippingMethod.ShouldBe("TELEPORT");

        // The lists it has are still checked, the whole document as one.
        var whole = await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings");
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/settings", RelayFixture.AdminKey, 400,
            whole with { Orders = whole.Orders with { ShippingRevenueAccount = "9999" } });
        var saved = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/settings", RelayFixture.AdminKey, 200, whole);
        (await saved.ReadAsJsonAsync<JsonObject>())!["warnings"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_code_list_AccountView_refuses_when_its_dictionary_is_unknown_is_a_warning_too()
    {
        await relay.ConnectSimulatorsAsync();
        await using (var session = relay.Store.LightweightSession())
        {
            // The dictionary could not be read a moment ago: which business objects exist is not known.
            session.Store(new AccountViewFieldsDocument { Id = "shop-1", AttemptedAt = relay.Clock.GetUtcNow(), Problem = "not available" });
            await session.SaveChangesAsync();
        }

        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200,
            new OrderFlowSettings { DefaultShippingMethod = "TELEPORT" });

        var warnings = (await answer.ReadAsJsonAsync<JsonObject>())!["warnings"]!.AsArray().Select(w => w!.ToString()).ToList();
        warnings.ShouldContain(w => w.Contains("ShippingMethods (SM1) is not available") && w.Contains("Business object 'SM1' is onbekend."));
    }

    [Fact]
    public async Task A_debtor_default_naming_a_field_contact_lacks_is_refused()
    {
        await relay.ConnectSimulatorsAsync();

        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 400,
            new OrderFlowSettings { DebtorDefaults = new Dictionary<string, string> { ["ACCT_NR"] = "1300", ["BRANCHE"] = "WEB" } });

        (await answer.ReadAsJsonAsync<JsonObject>())!["errors"]!["debtorDefaults.BRANCHE"]![0]!.ToString()
            .ShouldBe("This AccountView administration's CONTACT has no field BRANCHE.");
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
        const string company = "extended-company";
        await relay.ConnectSimulatorsAsync(company: company);
        FieldMapping[] mappings =
        [
            new("order.COMMENT2", Concat: ["order.number", "customer.name"], Separator: " / "),
            new("debtor.ACCT_NAME", From: "customer.email", Upper: true),
            new("line.ACCT_NR", From: "line.articleCode", Lookup: new Dictionary<string, string> { ["VERZEND"] = "8300" }, LookupDefault: "8000"),
            new("order.SHIP_MTH", From: "order.deliverMethod", Lookup: new Dictionary<string, string> { ["shipping"] = "DHL" }),
            new("order.PAY_TYPE", Drop: true),
        ];
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 200, mappings);

        var id = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        var header = relay.SalesOrdersFor("WEB-1001", company).Single();
        header["COMMENT2"]!.ToString().ShouldBe("WEB-1001 / Piet Puk");
        header["SHIP_MTH"]!.ToString().ShouldBe("DHL");
        header.ContainsKey("PAY_TYPE").ShouldBeFalse(); // this administration has the field; the override drops it
        header["DISC_CODE"].ShouldNotBeNull();
        relay.Simulators.AccountView.Rows("CONTACT", company).Single(c => c["MAIL_BUS"]?.ToString() == "piet@example.nl")["ACCT_NAME"]!.ToString()
            .ShouldBe("PIET@EXAMPLE.NL");
        relay.LinesOf(header, company).Select(l => (l["ART_CODE"]!.ToString(), l["ACCT_NR"]!.ToString()))
            .ShouldBe([("ART-00001", "8000"), ("VERZEND", "8300")]);
    }

    [Fact]
    public async Task A_mapper_override_naming_a_field_the_administration_lacks_is_refused()
    {
        await relay.ConnectSimulatorsAsync();

        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/mappings", RelayFixture.AdminKey, 400, new FieldMapping[]
        {
            new("order.COMMENT2", From: "order.number"), new("order.PAY_TYPE", Constant: "IDEAL"), new("order.GROSS_FLG", Drop: true),
        });

        var errors = (await answer.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["mappings[1].target"]);
        errors["mappings[1].target"]![0]!.ToString().ShouldBe("This AccountView administration's SO_HDR has no field PAY_TYPE.");
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Mappings.ShouldBeEmpty();
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/mappings/preview", RelayFixture.AdminKey, 400,
            new { orderId = 1, mappings = new[] { new FieldMapping("order.PAY_TYPE", Constant: "IDEAL") } });
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
        var key = WorkKey.ForShopEntity("shop-1", ShopEntity.Order, id.ToString()).ToString();
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
            new { orderId = id, mappings = new[] { new FieldMapping("order.COMMENT2", Constant: "Webshop") } });

        var request = (await answer.ReadAsJsonAsync<JsonObject>())!["requests"]!.AsArray().Single()!;
        request["body"]!["BusinessObject"]!.ToString().ShouldBe("SO1");
        request["body"]!.ToJsonString().ShouldContain("\"Webshop\"");
        relay.Simulators.AccountView.Rows("SO_HDR").ShouldBeEmpty();
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Mappings.ShouldBeEmpty();
    }
}
