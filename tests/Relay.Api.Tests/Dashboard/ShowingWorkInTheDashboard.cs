using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The overview, the activity log and a unit of work's trail, rendered on the test host and read as
/// HTML.</summary>
[Collection(RelayCollection.Name)]
public sealed class ShowingWorkInTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_overview_shows_a_connection_with_its_flows_todays_counts_and_thirty_days_drawn()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.PlaceArrivingOrderAsync();
        await relay.PlaceFailingOrderAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var page = await visitor.GetAsync("/app");

        var card = page.QuerySelector("section[aria-labelledby=connection-shop-1]").ShouldNotBeNull();
        card.QuerySelector("h2 a")!.GetAttribute("href").ShouldBe("/app/connections/shop-1");
        card.QuerySelectorAll(".figure").Select(f => f.TextContent).ShouldBe(["2", "1", "0", "1"]);
        var orders = card.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Orders");
        orders.QuerySelector(".status")!.TextContent.ShouldBe("on");
        orders.QuerySelector("time").ShouldNotBeNull();
        orders.QuerySelector("a")!.GetAttribute("href").ShouldBe("/app/connections/shop-1/failures?flow=Orders");
        card.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Stock")
            .QuerySelector(".status")!.TextContent.ShouldBe("off");
        card.QuerySelectorAll(".status.ok").Select(s => s.TextContent).ShouldBe(["answering", "answering", "none"]);
        var chart = card.QuerySelector("svg.chart").ShouldNotBeNull();
        chart.GetAttribute("role").ShouldBe("img");
        chart.QuerySelectorAll("g").Length.ShouldBe(30);
        chart.QuerySelectorAll("g").Last().QuerySelector("title")!.TextContent
            .ShouldBe("2026-03-01: received 2, sent 1, skipped 0, failed 1");
    }

    [Fact]
    public async Task The_activity_log_filters_by_status_and_links_each_unit_of_work_to_its_trail()
    {
        await relay.ConnectSimulatorsAsync();
        var arrived = await relay.PlaceArrivingOrderAsync();
        var failed = await relay.PlaceFailingOrderAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var all = await visitor.GetAsync("/app/connections/shop-1/activity");
        all.QuerySelector("#total")!.TextContent.ShouldBe("2 units of work");
        all.QuerySelector("nav.tabs a[aria-current=page]")!.TextContent.ShouldBe("Activity log");
        // The skip link stays on the page (a bare #main would resolve against the base, /app/).
        all.QuerySelector("a.skip")!.GetAttribute("href").ShouldBe("/app/connections/shop-1/activity#main");
        var form = all.QuerySelector<IHtmlFormElement>("form[role=search]")!;
        form.QuerySelector<IHtmlSelectElement>("#status")!.Value = "Failed";
        var onlyFailed = await visitor.SubmitGetAsync(form);

        visitor.Address.Query.ShouldContain("status=Failed");
        var rows = onlyFailed.QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(1);
        rows[0].QuerySelector(".status")!.TextContent.ShouldBe("failed");
        rows[0].TextContent.ShouldContain(DashboardScenarios.MissingArticle);
        var trail = await visitor.GetAsync(rows[0].QuerySelector<IHtmlAnchorElement>("a")!.GetAttribute("href")!);

        trail.QuerySelector("h1")!.TextContent.ShouldContain($"Order {failed}");
        trail.QuerySelector("section[aria-labelledby=from-shop]")!.TextContent.ShouldContain("orders.created");
        trail.QuerySelectorAll(".trail li strong").Select(s => s.TextContent).ShouldContain("webhook_received");
        trail.QuerySelector("#dry-run").ShouldBeNull();
        var dryRun = await visitor.GetAsync(trail.QuerySelectorAll<IHtmlAnchorElement>("a")
            .Single(a => a.TextContent == "Show what a replay would send").GetAttribute("href")!);
        dryRun.QuerySelector("section[aria-labelledby=dry-run]")!.TextContent
            .ShouldContain(DashboardScenarios.MissingArticle);

        var sent = await visitor.GetAsync(
            $"/app/connections/shop-1/activity/ccv%3Ashop-1%3Aorder%3A{arrived}?dryRun=true");
        sent.QuerySelectorAll(".trail li strong").Select(s => s.TextContent).ShouldContain("order_sent");
        sent.QuerySelector("section[aria-labelledby=dry-run]")!.TextContent.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task An_order_is_found_by_its_number_in_full_or_alone_or_by_its_id_also_when_it_failed()
    {
        await relay.ConnectSimulatorsAsync();
        var arrived = await relay.PlaceArrivingOrderAsync();
        var failed = await relay.PlaceFailingOrderAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        foreach (var (asked, id, number) in new[]
                 {
                     ("WEB-1001", arrived, "WEB-1001"), ("1002", failed, "WEB-1002"), ($"{failed}", failed, "WEB-1002"),
                 })
        {
            var page = await visitor.GetAsync($"/app/connections/shop-1/activity?order={asked}");
            var row = page.QuerySelectorAll("tbody tr").ShouldHaveSingleItem(asked);
            row.QuerySelector("a")!.TextContent.Trim().ShouldBe($"Order {id}");
            row.QuerySelector(".hint")!.TextContent.ShouldBe(number);
        }
        var none = await visitor.GetAsync("/app/connections/shop-1/activity?order=WEB-1003");
        none.QuerySelector("#total")!.TextContent.ShouldBe("0 units of work");
    }

    [Fact]
    public async Task A_bad_filter_is_named_beside_its_field_and_nothing_is_listed()
    {
        await relay.ConnectSimulatorsAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var badDay = await visitor.GetAsync("/app/connections/shop-1/activity?from=2026-13-01");
        badDay.QuerySelector("#from-error")!.TextContent.Trim().ShouldBe("A day as yyyy-mm-dd.");
        badDay.QuerySelector("#from")!.GetAttribute("aria-invalid").ShouldBe("true");
        badDay.QuerySelector("tbody").ShouldBeNull();

        // The API's own check: its problem details are shown beside the field they name.
        var backwards = await visitor.GetAsync("/app/connections/shop-1/activity?from=2026-03-02&to=2026-02-27");
        backwards.QuerySelector("#from-error")!.TextContent.Trim().ShouldBe("'from' must not be after 'to'.");
    }

    [Fact]
    public async Task Another_tenants_connection_and_its_work_are_a_not_found_page()
    {
        await relay.ConnectSimulatorsAsync();
        var failed = await relay.PlaceFailingOrderAsync();
        var key = await relay.Host.CreateTenantWithKeyAsync("acme");
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, key);

        (await visitor.GetAsync("/app")).QuerySelector("main .card")!.TextContent.ShouldContain("no connections");
        foreach (var page in new[] { "", "/activity", "/failures", $"/activity/ccv%3Ashop-1%3Aorder%3A{failed}" })
        {
            var answer = await visitor.GetAsync($"/app/connections/shop-1{page}");
            visitor.Status.ShouldBe(HttpStatusCode.NotFound, page);
            answer.QuerySelector("h1")!.TextContent.ShouldBe("Not found");
            answer.Body!.TextContent.ShouldNotContain(DashboardScenarios.MissingArticle);
        }
    }
}
