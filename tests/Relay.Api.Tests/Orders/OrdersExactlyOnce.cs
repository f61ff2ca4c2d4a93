using System.Net;
using Alba;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Orders;

/// <summary>Failures, replays, duplicates and missed webhooks: never lost, never doubled.</summary>
[Collection(RelayCollection.Name)]
public sealed class OrdersExactlyOnce(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static SimulatedOrder PaidOrder(params SimulatedOrderRow[] rows) =>
        new("piet@example.nl", "Piet", "Puk", rows.Length == 0 ? [new("ART-00001", 1)] : rows, Paid: true);

    [Fact]
    public async Task A_missing_article_fails_the_order_with_its_code_and_a_replay_after_adding_it_sends_it_once()
    {
        await relay.ConnectSimulatorsAsync();
        await AddShopProductWithoutArticleAsync("ONLY-IN-SHOP");

        var id = await relay.PlaceOrderAsync(PaidOrder(new("ART-00001", 1), new("ONLY-IN-SHOP", 1)));
        var failed = await relay.WaitForOrderAsync(id, WorkStatus.Failed);
        await AddArticleAsync("ONLY-IN-SHOP");
        await ReplayAsync($"ccv:shop-1:order:{id}");
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        failed.LastError!.ShouldContain("ONLY-IN-SHOP");
        failed.LastError!.ShouldNotContain("ART-00001");
        failed.NextAttemptAt.ShouldBeNull(); // permanent: waits for a replay
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Fifty_identical_webhooks_a_reconciliation_and_a_replay_make_one_sales_order()
    {
        var connection = await relay.ConnectSimulatorsAsync();
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings { DropWebhooks = 1 }); // Relay sends the copies itself
        var id = await relay.PlaceOrderAsync(PaidOrder());
        var body = RelayScenarios.OrderDelivery(id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => relay.Host.PostWebhookAsync(connection.WebhookPath("orders.created"), body)));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        await ReconcileAsync();
        await ReplayAsync($"ccv:shop-1:order:{id}");
        var replayed = await relay.WaitForOrderAsync(id, WorkStatus.Skipped);

        answers.Count(a => a.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        replayed.LastError!.ShouldContain("already has sales order");
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_sales_order_write_whose_answer_is_lost_is_not_repeated()
    {
        await relay.ConnectSimulatorsAsync();
        relay.Simulators.AccountView.Faults.Set(new FaultSettings { SucceedThen500 = 1 });

        var id = await relay.PlaceOrderAsync(new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1)], Paid: true));
        // The lost answer may hit the debtor update first, which is retried after a back-off on the fake clock.
        await ClockPump.RunAsync(() => relay.Clock, relay.WaitForOrderAsync(id, WorkStatus.Succeeded), TimeSpan.FromSeconds(1));

        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_dropped_webhook_is_caught_by_the_reconciliation_poll()
    {
        await relay.ConnectSimulatorsAsync();
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings { DropWebhooks = 1 });
        var id = await relay.PlaceOrderAsync(PaidOrder());
        await Eventually.WaitAsync(() => relay.Simulators.CcvShop.Webhooks.Deliveries.Any(d => d.Dropped), TimeSpan.FromSeconds(15), () => "the dropped delivery");

        var found = await ReconcileAsync();
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        found.ShouldBe(1);
        (await relay.EventsOfAsync(id)).First().ShouldBeOfType<OrderFoundByPoll>();
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_outage_fails_the_order_for_now_and_the_scheduled_retry_sends_it()
    {
        await relay.ConnectSimulatorsAsync();
        relay.Simulators.AccountView.Faults.Set(new FaultSettings { ErrorRate = 1 });

        var id = await relay.PlaceOrderAsync(PaidOrder());
        // Back-offs of the client wait on the fake clock: move it until the attempt has failed.
        var failing = relay.WaitForOrderAsync(id, WorkStatus.Failed, seconds: 60);
        var failed = await ClockPump.RunAsync(() => relay.Clock, failing, TimeSpan.FromSeconds(2));
        relay.Simulators.AccountView.Faults.Set(new FaultSettings());
        // The scheduled retry (and, if the outage opened it, the circuit's break) come with time.
        await ClockPump.RunAsync(() => relay.Clock, relay.WaitForOrderAsync(id, WorkStatus.Succeeded, seconds: 60), OrderRetryInterval);

        failed.LastError!.ShouldContain("Temporary failure");
        failed.NextAttemptAt.ShouldNotBeNull();
        var first = (await relay.EventsOfAsync(id)).OfType<OrderFailed>().First();
        (first.NextAttemptAt!.Value - first.At).ShouldBe(TimeSpan.FromSeconds(5)); // the first step of the schedule
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
        (await relay.EventsOfAsync(id)).OfType<RetryDue>().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Work_waiting_after_an_outage_is_retried_as_soon_as_AccountView_answers_not_at_its_next_step()
    {
        await relay.ConnectSimulatorsAsync();
        relay.Simulators.AccountView.Faults.Set(new FaultSettings { ErrorRate = 1 });
        var id = await relay.PlaceOrderAsync(PaidOrder());
        // Two attempts fail (the second after the schedule's 5 s): the next step is a minute away.
        var twice = Eventually.WaitAsync(async () => (await relay.EventsOfAsync(id)).OfType<OrderFailed>().Count() >= 2,
            TimeSpan.FromSeconds(60), () => "the order did not fail twice");
        await ClockPump.RunAsync(() => relay.Clock, twice, TimeSpan.FromSeconds(2));
        var waiting = (await relay.EventsOfAsync(id)).OfType<OrderFailed>().Last();
        (waiting.NextAttemptAt!.Value - waiting.At).ShouldBe(TimeSpan.FromMinutes(1));

        relay.Simulators.AccountView.Faults.Set(new FaultSettings());
        // The connection's probe finds AccountView answering and retries the waiting order at once; a minute of
        // waiting for its step would outlast this wait.
        var sent = await relay.WaitForOrderAsync(id, WorkStatus.Succeeded, seconds: 40);

        sent.Attempts.ShouldBe(3);
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task While_AccountView_is_down_new_orders_wait_for_its_probe_instead_of_calling_it()
    {
        await relay.ConnectSimulatorsAsync();
        relay.Simulators.AccountView.Faults.Set(new FaultSettings { ErrorRate = 1 });
        var first = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(first, WorkStatus.Failed);
        var before = relay.Simulators.AccountView.Journal.Entries.Count;

        var second = await relay.PlaceOrderAsync(PaidOrder() with { Email = "kees@example.nl", LastName = "Kees" });
        var waiting = await relay.WaitForOrderAsync(second, WorkStatus.Failed);

        waiting.LastError!.ShouldStartWith("Not tried: AccountView has not answered the connection's probe yet");
        waiting.NextAttemptAt.ShouldNotBeNull();
        // Nothing of the second order reached AccountView; only the probe may have asked in the meantime.
        relay.Simulators.AccountView.Journal.Entries.Skip(before).ShouldAllBe(e => e.Target.Contains("/companies"));
        relay.Simulators.AccountView.Faults.Set(new FaultSettings());
        await relay.WaitForOrderAsync(first, WorkStatus.Succeeded, seconds: 40);
        await relay.WaitForOrderAsync(second, WorkStatus.Succeeded, seconds: 40);
        relay.Simulators.AccountView.Rows("SO_HDR").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Bulk_replay_queues_exactly_the_filtered_items()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { OnlyPaid = true });
        var unpaid = await relay.PlaceOrderAsync(PaidOrder() with { Paid = false });
        var paid = await relay.PlaceOrderAsync(PaidOrder());
        await relay.WaitForOrderAsync(unpaid, WorkStatus.Skipped);
        await relay.WaitForOrderAsync(paid, WorkStatus.Succeeded);

        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Json(new { connectionId = "shop-1", flow = "Orders", status = "Skipped" }).ToUrl("/api/work-items/replay");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(202);
        });

        (await result.ReadAsTextAsync()).ShouldContain("\"queued\":1");
        await relay.WaitForOrderAsync(unpaid, WorkStatus.Skipped);
        (await relay.EventsOfAsync(unpaid)).OfType<ReplayRequested>().Count().ShouldBe(1);
        (await relay.EventsOfAsync(paid)).OfType<ReplayRequested>().ShouldBeEmpty();
    }

    private static readonly TimeSpan OrderRetryInterval = TimeSpan.FromSeconds(5); // the schedule's first step

    private async Task<int> ReconcileAsync()
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Post.Url("/api/connections/shop-1/reconcile");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBeOk();
        });
        return System.Text.Json.JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("ordersFound").GetInt32();
    }

    private async Task ReplayAsync(string key) =>
        await relay.Host.Scenario(s =>
        {
            s.Post.Url($"/api/work-items/{key}/replay");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(202);
        });

    private Task AddShopProductWithoutArticleAsync(string code)
    {
        lock (relay.Simulators.CcvShop.Store.Gate)
            relay.Simulators.CcvShop.Store.Add("products", CcvResources.Product(new Relay.Simulators.DemoCatalogue.Item(code, "Alleen in de shop", 9.95m, "", "KEUKEN", 5, []), relay.Clock.GetUtcNow()));
        return Task.CompletedTask;
    }

    private async Task AddArticleAsync(string code)
    {
        using var http = new HttpClient();
        (await http.PostAsync($"{relay.Simulators.AccountViewUrl}/__control/tables/ARTICLE",
            new StringContent($$"""{"ART_CODE":"{{code}}","ART_DESC1":"Nu ook hier","AG_CODE":"KEUKEN"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }
}
