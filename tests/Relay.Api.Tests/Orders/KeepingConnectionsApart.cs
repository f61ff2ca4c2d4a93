using Relay.Api.Clients.CcvShop;
using Relay.Api.Infrastructure.Processing;
using Relay.Api.Features.WorkItems;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.Orders;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Orders;

/// <summary>One connection's trouble holds up only its own orders; work nobody finished is picked up again.</summary>
[Collection(RelayCollection.Name)]
public sealed class KeepingConnectionsApart(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static SimulatedOrder PaidOrder() => new("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true);

    [Fact]
    public async Task A_hanging_AccountView_holds_up_neither_the_next_orders_of_another_connection_nor_itself_forever()
    {
        await using var hanging = new HangingServer();
        await relay.ConnectSimulatorsAsync(id: "slow-1", accountViewUrl: hanging.Url);
        await relay.ConnectSimulatorsAsync(id: "shop-1");

        var first = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(first, WorkStatus.Succeeded);
        await Eventually.WaitAsync(() => Task.FromResult(hanging.Connections > 0), TimeSpan.FromSeconds(30), () => "the slow connection never called its AccountView");
        // The slow connection's first order is still waiting on its AccountView while the next order comes.
        var second = await relay.PlaceOrderAsync(PaidOrder() with { Email = "kees@example.nl" });
        await relay.WaitForOrderAsync(second, WorkStatus.Succeeded);
        (await relay.WaitForOrderAsync(first, WorkStatus.Received, connection: "slow-1")).Attempts.ShouldBe(0);

        // Time passes: the hanging attempts are cut off (by the client's timeouts or the order's budget) and retried later.
        relay.Clock.Advance(Lanes.Orders.Budget + TimeSpan.FromSeconds(1));
        var cutOff = await relay.WaitForOrderAsync(first, WorkStatus.Failed, connection: "slow-1");

        cutOff.NextAttemptAt.ShouldNotBeNull();
        cutOff.LastError.ShouldNotBeNull();
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
        relay.SalesOrdersFor("WEB-1002").Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_order_past_the_shops_budget_holds_no_slot_and_is_sent_in_the_next_minute()
    {
        await relay.ConnectSimulatorsAsync();
        // Four seconds before a minute ends, the shop's reads of orders for this minute are used up.
        var second = relay.Clock.GetUtcNow().Second;
        relay.Clock.Advance(TimeSpan.FromSeconds((56 - second + 60) % 60));
        var limiter = relay.Host.Services.GetRequiredService<CcvRateLimiter>();
        var options = relay.Host.Services.GetRequiredService<CcvShopClientOptions>();
        var shop = new CcvShopAccess(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret").ShopKey;
        for (var i = 0; i < options.ReadsPerMinute; i++)
            await limiter.AcquireAsync(shop, HttpMethod.Get, "/api/rest/v1/orders/1", default);

        var order = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(order, WorkStatus.Received);
        // Its message ran and was put off to the next minute: not failed, and not waiting in the lane's slot.
        await Eventually.WaitAsync(() => Task.FromResult(relay.WorkInFlight() == 0), TimeSpan.FromSeconds(30),
            () => $"{relay.WorkInFlight()} work messages still queued or running");
        (await relay.WaitForOrderAsync(order, WorkStatus.Received)).Attempts.ShouldBe(0);
        limiter.Waiting.ShouldBe(0);
        relay.Simulators.CcvShop.Journal.Entries.ShouldNotContain(e => e.Target.Contains($"/orders/{order}"));
        // The put-off message runs 4-7 s later in real time (Wolverine's scheduler); by then Relay's clock shows
        // the next minute, whose budget is free.
        relay.Clock.Advance(TimeSpan.FromSeconds(10));

        var sent = await relay.WaitForOrderAsync(order, WorkStatus.Succeeded);
        sent.Attempts.ShouldBe(1);
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Orders_that_came_while_the_flow_was_off_are_sent_once_it_is_switched_on()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        var id = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(id, WorkStatus.Received);
        // Parked: stored with no work message, the flow being off.
        await Eventually.WaitAsync(() => relay.WorkInFlight() == 0, TimeSpan.FromSeconds(30),
            () => "work of a switched-off flow was queued");
        (await relay.WaitForOrderAsync(id, WorkStatus.Received)).Attempts.ShouldBe(0);

        await relay.Host.Scenario(s =>
        {
            s.Put.Json(new OrderFlowSettings { Enabled = true }).ToUrl("/api/connections/shop-1/flows/orders");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(200);
        });
        // Switching the flow on released the parked work with the settings change: no clock, no sweep.
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }
}
