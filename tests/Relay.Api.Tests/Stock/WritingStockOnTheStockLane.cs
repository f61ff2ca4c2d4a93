using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Stock;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Stock;
using Relay.Simulators;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Stock;

/// <summary>
/// Stock writes run on the engine's stock lane, from what is pending in the database: they outlast a failing
/// shop, and a connection switched off with a backlog holds no other connection's writes up.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class WritingStockOnTheStockLane(RelayFixture relay) : IAsyncLifetime
{
    private static readonly string[] Changed = ["ART-00001", "ART-00004", "ART-00005"];

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Changes_recorded_while_the_shop_fails_are_written_once_it_answers_without_a_further_change()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings { PollSeconds = 10 });
        await relay.PollStockAsync();
        relay.Simulators.AccountView.SetStockOnShelf(Changed[0], relay.ShelfStock(Changed[0]) + 5);
        relay.Simulators.AccountView.SetStockOnShelf(Changed[1], 0); // sold out: written first
        relay.Simulators.AccountView.SetStockOnShelf(Changed[2], relay.ShelfStock(Changed[2]) + 9);
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings { ErrorRate = 1 });

        (await relay.PollStockAsync()).Changes.ShouldBe(3);
        // The client's back-offs wait on the fake clock: move it until the writes have given up.
        var failed = Eventually.WaitAsync(async () => (await relay.StockEventsAsync(Changed[1]))
            .OfType<StockWriteFailed>().Any(), TimeSpan.FromSeconds(60), () => "the write never failed");
        await ClockPump.RunAsync(() => relay.Clock, failed, TimeSpan.FromSeconds(5));
        relay.StockWrites().ShouldBeEmpty();
        relay.StockPending().ShouldBe(3);

        // AccountView changes nothing more: the timed polls find the figures pending and hand them to the lane.
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings());
        await ClockPump.RunAsync(() => relay.Clock, relay.WaitForStockWritesAsync(seconds: 60),
            TimeSpan.FromSeconds(5));

        foreach (var sku in Changed)
        {
            relay.ShopStock(sku).ShouldBe(relay.ShelfStock(sku));
            (await relay.StockEventsAsync(sku)).OfType<StockChanged>().Count().ShouldBe(1);
        }
        var writes = relay.StockWrites();
        writes.Count.ShouldBe(3); // each SKU once
        writes[0].Stock.ShouldBe(0);
    }

    [Fact]
    public async Task A_connection_switched_off_with_a_backlog_writes_no_more_and_holds_up_no_other_connection()
    {
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false }, id: "stock-two");
        // Polled by hand only: timed polls would add writes of their own while the clock is moved.
        await relay.SetStockFlowAsync(new StockFlowSettings { PollSeconds = 86_400 });
        await relay.SetStockFlowAsync(new StockFlowSettings { PollSeconds = 86_400 }, "stock-two");
        await relay.PollStockAsync();
        await relay.PollStockAsync(connection: "stock-two");
        foreach (var article in relay.Simulators.AccountView.Rows("ARTICLE")
                     .Where(a => a["ART_CODE"]!.ToString().StartsWith("ART-", StringComparison.Ordinal)).Take(300))
            relay.Simulators.AccountView.SetStockOnShelf(article["ART_CODE"]!.ToString(),
                article["QTY_TECH"].Dec() + 3);

        // shop-1 writes until the shop's minute is used up, and waits for the next one.
        var limiter = relay.Host.Services.GetRequiredService<CcvRateLimiter>();
        (await relay.PollStockAsync()).Changes.ShouldBe(300);
        await Eventually.WaitAsync(() => limiter.Waiting > 0, TimeSpan.FromSeconds(30), () => "no write waits");
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/stock/enabled", RelayFixture.AdminKey, 200,
            new { enabled = false });
        var backlog = relay.StockPending();
        backlog.ShouldBeGreaterThan(0);

        (await relay.PollStockAsync(connection: "stock-two")).Changes.ShouldBe(300);
        await ClockPump.RunAsync(() => relay.Clock, relay.WaitForStockWritesAsync("stock-two", seconds: 60),
            TimeSpan.FromSeconds(10), idle: () => limiter.Waiting > 0);

        relay.StockPending().ShouldBeGreaterThanOrEqualTo(backlog - 1); // at most the write that was under way
        var status = await relay.Host.GetAdminAsync<StockEndpoints.StockStatusResponse>(
            "/api/connections/shop-1/flows/stock/status");
        status.Enabled.ShouldBeFalse();
        status.WritesWaiting.ShouldBe(relay.StockPending());

        // Its backlog waited in the database: switched on again, the next poll hands it to the lane.
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/stock/enabled", RelayFixture.AdminKey, 200,
            new { enabled = true });
        (await relay.PollStockAsync()).Changes.ShouldBe(0);
        await ClockPump.RunAsync(() => relay.Clock, relay.WaitForStockWritesAsync(seconds: 60),
            TimeSpan.FromSeconds(10), idle: () => limiter.Waiting > 0);
    }
}
