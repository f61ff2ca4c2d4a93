using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Relay.Api.Features.OrderStatus;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.OrderStatus;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.OrdersBack;

/// <summary>
/// The order-status flow: what the warehouse and the bookkeeper do in AccountView reaches the shop order within one
/// poll interval, once, and the shop's webhooks about Relay's own writes make no work.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class SendingOrderStatesToTheShop(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(long Order, string SalesOrder)> SentOrderAsync()
    {
        var connection = await relay.ConnectSimulatorsAsync();
        await relay.RegisterWebhookAsync(connection, "orders.updated.trackandtrace");
        await relay.SetOrderStatusFlowAsync(new OrderStatusSettings
        {
            Enabled = true, MailCustomer = true, MailNote = "Track & trace: {trackAndTrace} ({carrier})",
        });
        var order = await relay.PlaceOrderAsync(new SimulatedOrder("piet@example.nl", "Piet", "Puk",
            [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(order, WorkStatus.Succeeded);
        var salesOrder = relay.SalesOrdersFor("WEB-1001").ShouldHaveSingleItem()["ORD_NR"]!.ToString();
        // The poll that first sees the new sales order takes its open state as the start: nothing to write.
        (await relay.PollSalesOrdersAsync()).StatusChanges.ShouldBe(0);
        return (order, salesOrder);
    }

    [Fact]
    public async Task A_delivered_order_shows_sent_and_its_track_and_trace_code_in_the_shop_within_one_poll_interval()
    {
        var (order, salesOrder) = await SentOrderAsync();
        var statusKey = WorkKey.ForOrderStatus("shop-1", "WEB-1001").ToString();

        await relay.ChangeSalesOrderAsync(salesOrder, new SalesOrderStateChange(SimulatedDelivery.Fully,
            TrackAndTrace: "3SABC123", Carrier: "PostNL"));
        relay.Clock.Advance(TimeSpan.FromSeconds(61)); // one poll interval: the poller's own timer polls

        var written = await relay.WaitForWorkAsync(statusKey, w => w.Status == WorkStatus.Succeeded, "written");
        var shopOrder = relay.ShopOrder(order);
        shopOrder["status"]!.GetValue<int>().ShouldBe(5);
        shopOrder["track_and_trace_code"]!.GetValue<string>().ShouldBe("3SABC123");
        shopOrder["track_and_trace_carrier"]!.GetValue<string>().ShouldBe("PostNL");
        var patch = relay.Simulators.CcvShop.Journal.Entries
            .Where(e => e.Method == "PATCH" && e.Target.Contains($"/orders/{order}")).ShouldHaveSingleItem();
        var body = JsonNode.Parse(patch.Body!)!;
        body["mail"]!.GetValue<bool>().ShouldBeTrue();
        body["note"]!.GetValue<string>().ShouldBe("Track & trace: 3SABC123 (PostNL)");
        var outcome = (await relay.StreamAsync(statusKey)).OfType<CatalogueSynced>().ShouldHaveSingleItem();
        outcome.Written.ShouldBe(["status 5 (Sent), customer mailed", "track & trace 3SABC123 (PostNL)"]);
        outcome.Decisions.ShouldContain(d => d.Contains("delivered: status 1 (New) → 5 (Sent)"));
        written.Attempts.ShouldBe(1);

        // The shop's webhooks about the write come back: recorded on the order as Relay's own, and no work.
        await Eventually.WaitAsync(async () => (await relay.EventsOfAsync(order)).OfType<WebhookReceived>()
            .Count(w => w.OwnChange is not null) == 2, TimeSpan.FromSeconds(30), () => "the echoes never came");
        var events = await relay.EventsOfAsync(order);
        events.OfType<ShopOrderWrittenByRelay>().ShouldHaveSingleItem().By.ShouldBe(statusKey);
        events.OfType<WebhookReceived>().Where(w => w.OwnChange is not null).Select(w => w.EventName).Order()
            .ShouldBe(["orders.updated.status", "orders.updated.trackandtrace"]);
        var item = await relay.WaitForOrderAsync(order, WorkStatus.Succeeded);
        item.Attempts.ShouldBe(1);
        item.ExpectedEchoes.ShouldBeEmpty();
        relay.SalesOrdersFor("WEB-1001").Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_invoice_is_noted_once_and_a_poll_that_finds_nothing_new_writes_nothing()
    {
        var (order, salesOrder) = await SentOrderAsync();
        var statusKey = WorkKey.ForOrderStatus("shop-1", "WEB-1001").ToString();
        await relay.ChangeSalesOrderAsync(salesOrder, new SalesOrderStateChange(SimulatedDelivery.Fully));
        (await relay.PollSalesOrdersAsync()).StatusChanges.ShouldBe(1);
        await relay.WaitForWorkAsync(statusKey, w => w.Status == WorkStatus.Succeeded, "written");

        await relay.ChangeSalesOrderAsync(salesOrder, new SalesOrderStateChange(InvoiceNumber: "F26-0001"));
        (await relay.PollSalesOrdersAsync()).StatusChanges.ShouldBe(1);
        await relay.WaitForWorkAsync(statusKey, w => w is { Status: WorkStatus.Succeeded, Attempts: 2 }, "noted");
        relay.ShopOrderNotes(order).ShouldBe(["AccountView invoice F26-0001"]);
        relay.ShopOrder(order)["status"]!.GetValue<int>().ShouldBe(5); // invoiced leaves the status by default

        // Nothing moved: no work. Asked again anyway (a replay), the shop has it all: skipped, nothing written.
        (await relay.PollSalesOrdersAsync()).StatusChanges.ShouldBe(0);
        await relay.ReplayAsync(statusKey);
        var skipped = await relay.WaitForWorkAsync(statusKey, w => w.Status == WorkStatus.Skipped, "skipped");
        skipped.LastError.ShouldNotBeNull().ShouldContain("note of invoice F26-0001 already");
        relay.ShopOrderNotes(order).Count.ShouldBe(1);
        relay.Simulators.CcvShop.Journal.Entries.Count(e => e.Method == "PATCH").ShouldBe(1);
    }

    [Fact]
    public async Task A_cancelled_order_is_cancelled_in_the_shop_and_a_completed_one_is_left_as_it_is()
    {
        var (order, salesOrder) = await SentOrderAsync();
        var statusKey = WorkKey.ForOrderStatus("shop-1", "WEB-1001").ToString();
        using (var http = new HttpClient())
            (await http.PatchAsJsonAsync($"{relay.Simulators.CcvShopUrl}/__control/orders/{order}", new { status = 7 }))
                .EnsureSuccessStatusCode();
        await relay.ChangeSalesOrderAsync(salesOrder, new SalesOrderStateChange(Cancelled: true));
        (await relay.PollSalesOrdersAsync()).StatusChanges.ShouldBe(1);

        var skipped = await relay.WaitForWorkAsync(statusKey, w => w.Status == WorkStatus.Skipped, "skipped");
        skipped.LastError.ShouldNotBeNull().ShouldContain("does not change a completed or cancelled order");
        relay.ShopOrder(order)["status"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task Orders_sent_before_the_flow_recorded_them_are_followed_too()
    {
        await relay.ConnectSimulatorsAsync();
        var order = await relay.PlaceOrderAsync(new SimulatedOrder("piet@example.nl", "Piet", "Puk",
            [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(order, WorkStatus.Succeeded);
        // As a version without the record would have left it.
        await using (var session = relay.Store.LightweightSession())
        {
            session.Delete<RelayOrderDocument>(RelayOrderDocument.IdOf("shop-1", "WEB-1001"));
            await session.SaveChangesAsync();
        }
        await relay.SetOrderStatusFlowAsync(new OrderStatusSettings { Enabled = true });
        await relay.PollSalesOrdersAsync();

        var salesOrder = relay.SalesOrdersFor("WEB-1001").ShouldHaveSingleItem()["ORD_NR"]!.ToString();
        await relay.ChangeSalesOrderAsync(salesOrder, new SalesOrderStateChange(SimulatedDelivery.Fully));
        (await relay.PollSalesOrdersAsync()).StatusChanges.ShouldBe(1);
        await relay.WaitForWorkAsync(WorkKey.ForOrderStatus("shop-1", "WEB-1001").ToString(),
            w => w.Status == WorkStatus.Succeeded, "written");
        relay.ShopOrder(order)["status"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task Settings_naming_a_field_the_administration_lacks_or_an_unknown_status_are_refused()
    {
        await relay.ConnectSimulatorsAsync();
        var settings = new OrderStatusSettings { Enabled = true };
        var unknownStatus = Body(settings with { Statuses = new OrderStatusMapping { Delivered = 15 } });
        (await relay.SetOrderStatusFlowAsync(unknownStatus, status: 400)).ShouldContain("statuses.delivered");
        var missingField = Body(settings with { Fields = new SalesOrderStateFields { TrackAndTrace = "TRACKING" } });
        (await relay.SetOrderStatusFlowAsync(missingField, status: 400)).ShouldContain("SO_HDR has no field TRACKING");
        var typo = Body(settings);
        typo["pollSecond"] = 60;
        (await relay.SetOrderStatusFlowAsync(typo, status: 400)).ShouldContain("pollSecond");
        (await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1/settings"))["orderStatus"].ShouldBeNull();

        await relay.SetOrderStatusFlowAsync(settings);
        (await relay.Host.GetAdminAsync<JsonObject>("/api/connections/shop-1/settings"))["orderStatus"]!["enabled"]!
            .GetValue<bool>().ShouldBeTrue();
    }

    private static JsonObject Body(object settings) =>
        JsonSerializer.SerializeToNode(settings, JsonSerializerOptions.Web)!.AsObject();


}
