using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The settings history with its diffs and restore, and the alert rules and recent alerts.</summary>
[Collection(RelayCollection.Name)]
public sealed class ChangingSettingsAndAlertsInTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_history_shows_who_changed_what_and_an_old_version_is_restored()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200,
            new OrderFlowSettings { Enabled = false, Document = DocumentKind.SalesInvoice });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var page = await visitor.GetAsync("/app/connections/shop-1/settings");

        var newest = page.QuerySelectorAll("ol.history > li").First();
        newest.TextContent.ShouldContain("orders · bootstrap");
        var change = newest.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        change.QuerySelector("th")!.TextContent.ShouldBe("orders.document");
        change.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["\"SalesOrder\"", "\"SalesInvoice\""]);
        var restore = page.QuerySelectorAll<IHtmlButtonElement>("button[name=Version]")
            .Single(b => b.GetAttribute("aria-label") == "Restore version 1");

        var restored = await visitor.SubmitAsync((IHtmlFormElement)restore.Closest("form")!, restore);

        restored.QuerySelector("#restored")!.TextContent
            .ShouldBe("Version 1 is restored: it is the newest version now.");
        restored.QuerySelectorAll("ol.history > li").First().TextContent.ShouldContain("a restore of version 1");
        (await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/shop-1")).Orders.Document
            .ShouldBe(DocumentKind.SalesOrder);
    }

    [Fact]
    public async Task An_alert_rule_out_of_range_is_named_beside_it_and_nothing_changes_and_a_good_one_is_saved()
    {
        await relay.ConnectSimulatorsAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/alerts");
        page.QuerySelector<IHtmlInputElement>("#StallMinutes")!.Value.ShouldBe("15");
        page.QuerySelector("section[aria-labelledby=recent] tbody")!.TextContent.ShouldContain("No alerts.");
        var form = page.QuerySelector<IHtmlFormElement>("section[aria-labelledby=rules] form")!;
        form.QuerySelector<IHtmlInputElement>("#StallMinutes")!.Value = "0";

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#StallMinutes-error")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        refused.QuerySelector("#StallMinutes")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings"))
            .Rules.StallMinutes.ShouldBe(15);
        var again = refused.QuerySelector<IHtmlFormElement>("section[aria-labelledby=rules] form")!;
        again.QuerySelector<IHtmlInputElement>("#StallMinutes")!.Value = "30";
        var saved = await visitor.SubmitAsync(again);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        (await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings"))
            .Rules.StallMinutes.ShouldBe(30);
    }
}
