using System.Text.Json;
using Alba;
using Relay.Api.Features.WorkItems;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;

namespace Relay.Api.Tests.WorkItems;

[Collection(RelayCollection.Name)]
public sealed class QueryingWorkItems(RelayFixture relay) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        var a = await relay.Host.CreateConnectionAsync("shop-a");
        var b = await relay.Host.CreateConnectionAsync("shop-b");
        // shop-a: three orders, one product, a minute apart; shop-b: one order.
        foreach (var id in new[] { 1, 2, 3 })
        {
            await relay.Host.PostWebhookAsync(a.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(id));
            // The order's message runs at once (and parks it, the flow being off): the minute passes after it, or
            // the jump would pass the attempt's budget while it runs.
            await Eventually.WaitAsync(() => relay.WorkInFlight() == 0, TimeSpan.FromSeconds(30), () => "work still running");
            relay.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await relay.Host.PostWebhookAsync(a.WebhookPath("products.updated"), """{"id":77}""");
        await relay.Host.PostWebhookAsync(b.WebhookPath("orders.created"), RelayScenarios.OrderDelivery(1));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("", 5)]
    [InlineData("?connectionId=shop-a", 4)]
    [InlineData("?connectionId=shop-a&flow=Orders", 3)]
    [InlineData("?flow=Products", 1)]
    [InlineData("?status=Received", 5)]
    [InlineData("?status=Failed", 0)]
    [InlineData("?from=2026-03-01T09:01:00Z&to=2026-03-01T09:03:00Z", 2)]
    [InlineData("?entityId=1", 2)]
    [InlineData("?connectionId=shop-b&entityId=1", 1)]
    public async Task Filters_select_the_matching_items(string query, int expected)
    {
        var page = await relay.Host.GetAdminAsync<WorkItemPage>("/api/work-items" + query);

        var all = await relay.Host.GetAdminAsync<WorkItemPage>("/api/work-items");
        page.Total.ShouldBe(expected, string.Join("; ", all.Items.Select(i => $"{i.Key} {i.Status} {i.LastError}")));
        page.Items.Count.ShouldBe(expected);
    }

    [Fact]
    public async Task Failures_are_found_by_text_in_their_error_and_counted_for_the_dashboard()
    {
        await using (var session = relay.Store.LightweightSession())
        {
            session.Events.Append("ccv:shop-a:order:2", new Relay.Domain.Orders.OrderFailed("ccv:shop-a:order:2",
                "Articles missing in AccountView: XYZ-9. Add them and replay.", null, Permanent: true, null, relay.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }

        var found = await relay.Host.GetAdminAsync<WorkItemPage>("/api/work-items?error=xyz-9");
        var stats = await relay.Host.GetAdminAsync<JsonElement>("/api/connections/shop-a/stats?days=2");

        found.Items.Select(i => i.Key).ShouldBe(["ccv:shop-a:order:2"]);
        var orders = stats.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "Orders");
        var today = orders.GetProperty("days")[1];
        today.GetProperty("day").GetString().ShouldBe("2026-03-01");
        (today.GetProperty("received").GetInt32(), today.GetProperty("failed").GetInt32(), today.GetProperty("pending").GetInt32()).ShouldBe((3, 1, 2));
        orders.GetProperty("days")[0].GetProperty("received").GetInt32().ShouldBe(0);
        orders.GetProperty("openFailures").GetInt32().ShouldBe(1);
        stats.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "Products")
            .GetProperty("days")[1].GetProperty("received").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("/api/connections/shop-a/stats?days=0", 400, "days")]
    [InlineData("/api/connections/shop-z/stats", 404, "shop-z")]
    public async Task Stats_refuse_a_bad_window_or_an_unknown_connection(string url, int status, string named)
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(status);
        });
        (await result.ReadAsTextAsync()).ShouldContain(named);
    }

    [Fact]
    public async Task Pages_are_newest_first_and_add_up_to_the_total()
    {
        var first = await relay.Host.GetAdminAsync<WorkItemPage>("/api/work-items?connectionId=shop-a&pageSize=3");
        var second = await relay.Host.GetAdminAsync<WorkItemPage>("/api/work-items?connectionId=shop-a&pageSize=3&page=2");

        first.Total.ShouldBe(4);
        first.Items.Select(i => i.Key).ShouldBe(["ccv:shop-a:product:77", "ccv:shop-a:order:3", "ccv:shop-a:order:2"]);
        second.Items.Select(i => i.Key).ShouldBe(["ccv:shop-a:order:1"]);
    }

    [Fact]
    public async Task An_item_and_its_events_are_what_was_stored()
    {
        var item = await relay.Host.GetAdminAsync<WorkItemResponse>("/api/work-items/ccv:shop-a:order:2");
        var events = await relay.Host.GetAdminAsync<JsonElement>("/api/work-items/ccv:shop-a:order:2/events");

        item.ShouldBe(new WorkItemResponse("ccv:shop-a:order:2", "shop-a", Flow.Orders, ShopEntity.Order, "2", WorkStatus.Received,
            Deliveries: 1, Attempts: 0, LastError: null, TestClock.Start.AddMinutes(1), TestClock.Start.AddMinutes(1), NextAttemptAt: null,
            Permanent: false));
        events.GetArrayLength().ShouldBe(1);
        var entry = events[0];
        entry.GetProperty("type").GetString().ShouldBe("webhook_received");
        entry.GetProperty("version").GetInt64().ShouldBe(1);
        entry.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
        entry.GetProperty("data").GetProperty("eventName").GetString().ShouldBe("orders.created");
        entry.GetProperty("data").GetProperty("triggeredAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-03-01T08:59:00Z"));
    }

    [Theory]
    [InlineData("/api/work-items/ccv:shop-a:order:999")]
    [InlineData("/api/work-items/ccv:shop-a:order:999/events")]
    public async Task Unknown_item_is_404(string url)
    {
        await relay.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=501", "pageSize")]
    [InlineData("?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    public async Task Bad_paging_or_range_is_400_naming_the_field(string query, string field)
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Get.Url("/api/work-items" + query);
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(400);
        });
        JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }
}

