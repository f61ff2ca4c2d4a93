using Relay.Api.Tests.Infrastructure;
using Relay.Domain.OrdersFromAccountView;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;
using Relay.Simulators.AccountView;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.OrdersBack;

/// <summary>
/// The orders-from-AccountView flow: a phone order entered in AccountView appears in the shop once, and the shop's
/// orders.created webhook for it is not sent back to AccountView.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class CreatingAccountViewOrdersInTheShop(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static EnteredSalesOrder PhoneOrder(string salesRep = "TEL") =>
        new("10001", [new("ART-00001", 2, 12.10m), new("VERZEND", 1, 6.95m)], new() { ["EMP_NR"] = salesRep });

    [Fact]
    public async Task An_order_entered_in_AccountView_appears_once_in_the_shop_and_its_webhook_creates_nothing_there()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.SetOrdersFromAccountViewFlowAsync(new AccountViewOrderSettings
        {
            Enabled = true, FilterField = "EMP_NR", FilterValues = ["TEL"],
        });
        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(0); // switched on: from now on
        var number = await relay.EnterSalesOrderAsync(PhoneOrder());
        await relay.EnterSalesOrderAsync(PhoneOrder(salesRep: "BUITEN")); // not selected by the filter

        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(1);
        var key = WorkKey.ForSalesOrder("shop-1", number).ToString();
        await relay.WaitForWorkAsync(key, w => w.Status == WorkStatus.Succeeded, "created in the shop");

        var created = relay.ShopOrders().ShouldHaveSingleItem();
        created["reservationnumber"]!.GetValue<string>().ShouldBe($"AV-{number}");
        created["customer"]!["email"]!.GetValue<string>().ShouldBe("jan@example.nl");
        created["total_shipping"]!.GetValue<decimal>().ShouldBe(6.95m); // the shipping article's line
        var rows = relay.Simulators.CcvShop.Store["orderrows"].Values.Where(r => r["order_id"]!.GetValue<long>()
            == created["id"]!.GetValue<long>()).ToList();
        rows.ShouldHaveSingleItem()["count"]!.GetValue<decimal>().ShouldBe(2);
        rows[0]["price"]!.GetValue<decimal>().ShouldBe(12.10m);
        var shopId = created["id"]!.GetValue<long>();
        // Its orders.created webhook is the shop's news of Relay's own order: skipped, nothing in AccountView.
        var echo = await relay.WaitForOrderAsync(shopId, WorkStatus.Skipped);
        echo.LastError.ShouldNotBeNull().ShouldContain($"from AccountView sales order {number}");
        relay.SalesOrdersFor(created["ordernumber_full"]!.GetValue<string>()).ShouldBeEmpty();
        relay.Simulators.AccountView.Rows("SO_HDR").Count.ShouldBe(2);

        // Polled again, replayed: still one shop order.
        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(0);
        await relay.ReplayAsync(key);
        await relay.WaitForWorkAsync(key, w => w is { Status: WorkStatus.Succeeded, Attempts: 2 }, "replayed");
        (await relay.StreamAsync(key)).OfType<CatalogueSynced>().Last().Written.ShouldHaveSingleItem()
            .ShouldContain("found in the shop");
        relay.ShopOrders().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_shop_order_whose_answer_was_lost_is_looked_up_and_not_created_again()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.SetOrdersFromAccountViewFlowAsync(new AccountViewOrderSettings { Enabled = true });
        await relay.PollSalesOrdersAsync();
        var number = await relay.EnterSalesOrderAsync(PhoneOrder());
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings { SucceedThen500 = 1 });

        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(1);
        var key = WorkKey.ForSalesOrder("shop-1", number).ToString();
        // The shop made the order and answered 500: a temporary failure, retried on the fake clock's schedule.
        await ClockPump.RunAsync(() => relay.Clock,
            relay.WaitForWorkAsync(key, w => w.Status == WorkStatus.Succeeded, "created"), TimeSpan.FromSeconds(1));

        relay.ShopOrders().Count.ShouldBe(1);
        var events = await relay.StreamAsync(key);
        // (A retry may first wait for the connection's probe: "Not tried", on record too.)
        events.OfType<CatalogueFailed>().First().Reason.ShouldContain("CCV Shop answered 500");
        events.OfType<CatalogueSynced>().ShouldHaveSingleItem().Written.ShouldHaveSingleItem()
            .ShouldContain("found in the shop");
    }

    [Fact]
    public async Task A_sales_order_Relay_made_from_the_shop_is_never_sent_back_to_it()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.SetOrdersFromAccountViewFlowAsync(new AccountViewOrderSettings { Enabled = true });
        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(0);
        var order = await relay.PlaceOrderAsync(new("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)],
            Paid: true));
        await relay.WaitForOrderAsync(order, WorkStatus.Succeeded);

        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(0);
        relay.ShopOrders().Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_order_whose_article_the_shop_lacks_fails_with_the_reason_and_writes_nothing()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.SetOrdersFromAccountViewFlowAsync(new AccountViewOrderSettings { Enabled = true });
        await relay.PollSalesOrdersAsync();
        var number = await relay.EnterSalesOrderAsync(new("10001", [new("NOT-IN-SHOP", 1, 5m)]));

        (await relay.PollSalesOrdersAsync()).NewOrders.ShouldBe(1);
        var failed = await relay.WaitForWorkAsync(WorkKey.ForSalesOrder("shop-1", number).ToString(),
            w => w.Status == WorkStatus.Failed, "failed");
        failed.LastError.ShouldNotBeNull().ShouldContain("NOT-IN-SHOP");
        relay.ShopOrders().ShouldBeEmpty();
    }
}
