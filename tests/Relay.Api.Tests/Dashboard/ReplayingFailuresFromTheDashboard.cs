using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The failures page: each failure with its reason, one-click replay, bulk replay after a preview.</summary>
[Collection(RelayCollection.Name)]
public sealed class ReplayingFailuresFromTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_failure_is_listed_with_its_reason_and_one_click_replays_it_once_the_cause_is_fixed()
    {
        await relay.ConnectSimulatorsAsync();
        var failed = await relay.PlaceFailingOrderAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/failures");
        var row = page.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        row.TextContent.ShouldContain(DashboardScenarios.MissingArticle);
        row.QuerySelectorAll<IHtmlAnchorElement>("a").Select(a => a.GetAttribute("href"))
            .ShouldContain($"/app/connections/shop-1/activity/ccv%3Ashop-1%3Aorder%3A{failed}?dryRun=true");
        relay.AddMissingArticle();

        var button = row.QuerySelector<IHtmlButtonElement>("button[name=Key]")!;
        button.GetAttribute("aria-label").ShouldBe($"Replay {failed}");
        var answer = await visitor.SubmitAsync((IHtmlFormElement)button.Closest("form")!, button);

        answer.QuerySelector("#replayed")!.TextContent.ShouldBe("1 queued to run again.");
        await relay.WaitForOrderAsync(failed, WorkStatus.Succeeded);
        (await visitor.GetAsync("/app/connections/shop-1/failures")).QuerySelectorAll("tbody tr")
            .ShouldHaveSingleItem().TextContent.ShouldContain("Nothing matches.");
        // The old page's button again: the order is no failure any more, and the page says so.
        var stale = await visitor.SubmitAsync((IHtmlFormElement)button.Closest("form")!, button);
        stale.QuerySelector("#replay-error")!.TextContent.ShouldContain("nothing was replayed");
    }

    [Fact]
    public async Task A_bulk_replay_shows_how_many_it_would_replay_first_and_replays_only_those()
    {
        await relay.ConnectSimulatorsAsync();
        var first = await relay.PlaceFailingOrderAsync();
        var second = await relay.PlaceFailingOrderAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/failures");
        var filter = page.QuerySelector<IHtmlFormElement>("form[method=get]")!;
        filter.QuerySelector<IHtmlInputElement>("#text")!.Value = "no such reason";

        var none = await visitor.SubmitGetAsync(filter);
        none.QuerySelector("#preview")!.TextContent.ShouldBe("0 would be replayed");
        none.QuerySelector("section[aria-labelledby=preview] button")!.HasAttribute("disabled").ShouldBeTrue();
        none.QuerySelector<IHtmlInputElement>("#text")!.Value = DashboardScenarios.MissingArticle;
        var preview = await visitor.SubmitGetAsync(none.QuerySelector<IHtmlFormElement>("form[method=get]")!);
        preview.QuerySelector("#preview")!.TextContent.ShouldBe("2 would be replayed");
        relay.AddMissingArticle();

        var done = await visitor.SubmitAsync(
            preview.QuerySelector<IHtmlFormElement>("section[aria-labelledby=preview] form")!);

        done.QuerySelector("#replayed")!.TextContent.ShouldBe("2 queued to run again.");
        await relay.WaitForOrderAsync(first, WorkStatus.Succeeded);
        await relay.WaitForOrderAsync(second, WorkStatus.Succeeded);
    }

    [Fact]
    public async Task More_failures_than_listed_are_counted_above_the_list()
    {
        await relay.ConnectSimulatorsAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var session = relay.Store.LightweightSession())
        {
            for (var i = 1; i <= 101; i++)
            {
                var key = WorkKey.ForShopEntity("shop-1", ShopEntity.Order, $"{9000 + i}").ToString();
                session.Events.StartStream(key,
                    new WebhookReceived(key, "shop-1", Flow.Orders, ShopEntity.Order, $"{9000 + i}", "orders.created",
                        null, "sha", null, now, new WebhookSummary()),
                    new Relay.Domain.Orders.OrderFailed(key, "Articles missing in AccountView: ART-9.", null, true,
                        null, now, $"WEB-{i}"));
            }
            await session.SaveChangesAsync();
        }
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var page = await visitor.GetAsync("/app/connections/shop-1/failures");

        page.QuerySelectorAll("tbody tr").Length.ShouldBe(100);
        page.QuerySelector("#failed-total")!.TextContent
            .ShouldBe("101 failed; the newest 100 are listed. A bulk replay takes them all.");
    }
}
