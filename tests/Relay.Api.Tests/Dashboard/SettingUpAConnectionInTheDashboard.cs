using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The setup assistant on the test host: its checks beside the fields, its live verify, tenants kept apart.
/// The whole walk through it, consent redirect included, is the browser test's.</summary>
[Collection(RelayCollection.Name)]
public sealed class SettingUpAConnectionInTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IDocument> CreateAsync(DashboardVisitor visitor, string name, string id, string url,
        string secret = "sandbox-secret")
    {
        var page = await visitor.GetAsync("/app/setup");
        page.QuerySelector<IHtmlInputElement>("#name")!.Value = name;
        page.QuerySelector<IHtmlInputElement>("#connection-id")!.Value = id;
        page.QuerySelector<IHtmlInputElement>("#shop-url")!.Value = url;
        page.QuerySelector<IHtmlInputElement>("#shop-public")!.Value = "sandbox-public";
        page.QuerySelector<IHtmlInputElement>("#shop-secret")!.Value = secret;
        return await visitor.SubmitAsync(page.QuerySelector<IHtmlFormElement>("form[method=post]:not(.sign-out)")!);
    }

    private static IElement? NextStep(IDocument page) =>
        page.QuerySelectorAll("section a").FirstOrDefault(a => a.TextContent == "Next step");

    [Fact]
    public async Task Bad_input_is_named_beside_each_field_and_creates_nothing()
    {
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var answer = await CreateAsync(visitor, "", "X", "not an address");

        visitor.Address.AbsolutePath.ShouldBe("/app/setup");
        answer.QuerySelector("#name-error")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        answer.QuerySelector("#connection-id-error")!.TextContent.Trim()
            .ShouldBe("The id is 3 to 40 lower-case letters, digits or dashes.");
        answer.QuerySelector("#shop-url-error")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        answer.QuerySelector("#shop-url")!.GetAttribute("aria-invalid").ShouldBe("true");
        answer.QuerySelector("#shop-public-error")!.TextContent.Trim().ShouldBeEmpty();
        (await relay.Host.GetAdminAsync<List<ConnectionResponse>>("/api/connections")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_taken_id_is_named_beside_the_id_field()
    {
        await relay.Host.CreateConnectionAsync("shop-1");
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var answer = await CreateAsync(visitor, "Another", "shop-1", relay.Simulators.CcvShopUrl);

        answer.QuerySelector("#connection-id-error")!.TextContent.Trim()
            .ShouldBe("A connection with id 'shop-1' exists already.");
    }

    [Fact]
    public async Task The_shop_step_checks_the_keys_live_and_takes_corrected_ones()
    {
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var shop = await CreateAsync(visitor, "My shop", "my-shop", relay.Simulators.CcvShopUrl,
            secret: "wrong-secret");

        visitor.Address.AbsolutePath.ShouldBe("/app/setup/my-shop/shop");
        shop.QuerySelector("#check .status")!.TextContent.ShouldBe("not yet");
        NextStep(shop).ShouldBeNull();
        var form = shop.QuerySelector<IHtmlFormElement>("form[method=post]:not(.sign-out)")!;
        form.QuerySelector<IHtmlInputElement>("#shop-secret")!.Value = "sandbox-secret";
        var fixedKeys = await visitor.SubmitAsync(form);

        fixedKeys.QuerySelector("#check .status")!.TextContent.ShouldBe("works");
        NextStep(fixedKeys)!.GetAttribute("href").ShouldBe("/app/setup/my-shop/accountview");
        var stored = await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/my-shop");
        stored.Orders.Enabled.ShouldBeFalse(); // nothing is sent before the last step

        // Saved again with the secret left empty, as its hint says: the stored secret is kept.
        var kept = fixedKeys.QuerySelector<IHtmlFormElement>("form[method=post]:not(.sign-out)")!;
        kept.QuerySelector<IHtmlInputElement>("#shop-secret")!.Value.ShouldBeEmpty();
        var again = await visitor.SubmitAsync(kept);
        again.QuerySelector("#shop-secret-error")!.TextContent.Trim().ShouldBeEmpty();
        again.QuerySelector("#check .status")!.TextContent.ShouldBe("works");
    }

    [Fact]
    public async Task The_last_step_switches_each_flow_on_and_off_through_the_api()
    {
        await relay.ConnectSimulatorsAsync(new Relay.Domain.Orders.OrderFlowSettings { Enabled = false });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/switch-on");
        page.QuerySelector("#switched-on").ShouldBeNull();
        var orders = page.QuerySelectorAll<IHtmlButtonElement>("button[name=Change]")
            .Single(b => b.TextContent.Trim() == "Switch Orders on");

        var on = await visitor.SubmitAsync((IHtmlFormElement)orders.Closest("form")!, orders);

        on.QuerySelector("#switched-on").ShouldNotBeNull();
        (await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/shop-1")).Orders.Enabled.ShouldBeTrue();
        var off = on.QuerySelectorAll<IHtmlButtonElement>("button[name=Change]")
            .Single(b => b.TextContent.Trim() == "Switch Orders off");
        await visitor.SubmitAsync((IHtmlFormElement)off.Closest("form")!, off);
        (await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/shop-1")).Orders.Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task The_stock_and_products_step_saves_its_answers_and_names_a_bad_interval_beside_it()
    {
        await relay.ConnectSimulatorsAsync(new Relay.Domain.Orders.OrderFlowSettings { Enabled = false });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/setup/shop-1/stock-products");
        var form = page.QuerySelector<IHtmlFormElement>("form[method=post]:not(.sign-out)")!;
        form.QuerySelector<IHtmlInputElement>("#poll-seconds")!.Value = "5";

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#poll-seconds-error")!.TextContent.Trim().ShouldBe("Between 10 seconds and a day.");
        var again = refused.QuerySelector<IHtmlFormElement>("form[method=post]:not(.sign-out)")!;
        again.QuerySelector<IHtmlInputElement>("#poll-seconds")!.Value = "120";
        again.QuerySelector<IHtmlInputElement>("#formula-Free")!.IsChecked = true;
        again.QuerySelector<IHtmlInputElement>("#update-Name")!.IsChecked = true;
        var saved = await visitor.SubmitAsync(again);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        var settings = await relay.Host.GetAdminAsync<Relay.Domain.Settings.ConnectionSettings>(
            "/api/connections/shop-1/settings");
        settings.Stock!.PollSeconds.ShouldBe(120);
        settings.Stock.Formula.ShouldBe(Relay.Domain.Stock.StockFormula.Free);
        settings.Stock.Enabled.ShouldBeFalse();
        settings.Products!.Updates.Name.ShouldBeTrue();
        settings.Products.Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task The_test_step_offers_the_shops_newest_orders_and_previews_one_sending_nothing()
    {
        await relay.ConnectSimulatorsAsync(new Relay.Domain.Orders.OrderFlowSettings { Enabled = false });
        var order = await relay.PlaceOrderAsync(new Relay.Simulators.CcvShop.SimulatedOrder("piet@example.nl", "Piet",
            "Puk", [new("ART-00001", 1)], Paid: true));
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var page = await visitor.GetAsync("/app/setup/shop-1/test");

        var newest = page.QuerySelectorAll("ul[aria-labelledby=recent-orders] a").ShouldHaveSingleItem();
        newest.TextContent.ShouldStartWith("WEB-1001 · ");
        newest.TextContent.ShouldEndWith(" · New · paid");
        page.QuerySelector("#sandbox-order").ShouldBeNull(); // a shop of its own, not the sandbox's
        var preview = await visitor.GetAsync(newest.GetAttribute("href")!);
        preview.QuerySelector("section[aria-labelledby=preview]")!.TextContent.ShouldContain("POST");
        preview.QuerySelector<IHtmlInputElement>("#order-id")!.Value.ShouldBe($"{order}");
        relay.SalesOrdersFor("WEB-1001").ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_tenants_connection_has_no_setup_steps()
    {
        await relay.Host.CreateConnectionAsync("shop-1");
        var key = await relay.Host.CreateTenantWithKeyAsync("acme");
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, key);

        foreach (var step in new[] { "", "/shop", "/accountview", "/webhooks", "/orders", "/tax", "/payment-shipping",
                     "/stock-products", "/test", "/switch-on" })
        {
            var page = await visitor.GetAsync($"/app/setup/shop-1{step}");
            visitor.Status.ShouldBe(HttpStatusCode.NotFound, step);
            page.QuerySelector("h1")!.TextContent.ShouldBe("Not found");
        }
    }
}
