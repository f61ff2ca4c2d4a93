using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.WorkItems;

public sealed class WebhookIntakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Triggered = new(2026, 3, 1, 8, 59, 0, TimeSpan.Zero);

    private static ReceiveWebhook Delivery(string @event = "orders.created", string id = "400", DateTimeOffset? triggeredAt = null,
        string body = "hash-1", bool noTrigger = false) =>
        new("shop-1", CcvEvent.Find(@event)!, id, noTrigger ? null : triggeredAt ?? Triggered, body, new WebhookSummary(), Now);

    private static WorkItem? Given(params ReceiveWebhook[] earlier) =>
        earlier.Aggregate((WorkItem?)null, (state, command) =>
            WebhookIntake.Decide(state, command) is IntakeDecision.Store s ? WorkItem.Evolve(state, s.Event) : state);

    public static TheoryData<string, ReceiveWebhook[], ReceiveWebhook, bool> Cases => new()
    {
        { "first delivery", [], Delivery(), true },
        { "same event, id, time and body", [Delivery()], Delivery(), false },
        { "same event, id and time, other body", [Delivery()], Delivery(body: "hash-2"), false },
        { "same body, other trigger time", [Delivery()], Delivery(triggeredAt: Triggered.AddMinutes(1)), false },
        { "other trigger time and body", [Delivery()], Delivery(triggeredAt: Triggered.AddMinutes(1), body: "hash-2"), true },
        { "other event for the same order", [Delivery()], Delivery("orders.updated.ispaid", body: "hash-2"), true },
        { "no trigger time, same body", [Delivery(noTrigger: true)], Delivery(noTrigger: true), false },
        { "no trigger time, other body", [Delivery(noTrigger: true)], Delivery(noTrigger: true, body: "hash-2"), true },
        { "duplicate of an older delivery after a newer one", [Delivery(), Delivery("orders.updated.status", body: "hash-3")], Delivery(), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_delivery_is_stored_once(string name, ReceiveWebhook[] earlier, ReceiveWebhook delivery, bool stored)
    {
        var decision = WebhookIntake.Decide(Given(earlier), delivery);

        (decision is IntakeDecision.Store).ShouldBe(stored, name);
    }

    [Fact]
    public void Stored_delivery_carries_its_key_flow_and_times()
    {
        var decision = WebhookIntake.Decide(null, Delivery("products.updated", id: "77"));

        var e = decision.ShouldBeOfType<IntakeDecision.Store>().Event;
        e.Key.ShouldBe("ccv:shop-1:product:77");
        e.Flow.ShouldBe(Flow.Products);
        e.Entity.ShouldBe(ShopEntity.Product);
        e.TriggeredAt.ShouldBe(Triggered);
        e.ReceivedAt.ShouldBe(Now);
        e.DeliveryId.ShouldBe("products.updated|77|2026-03-01T08:59:00.0000000Z");
    }

    [Fact]
    public void Work_item_counts_deliveries_and_keeps_its_first_receipt_time()
    {
        var later = Delivery("orders.updated.ispaid", body: "hash-2") with { ReceivedAt = Now.AddMinutes(5) };

        var item = Given(Delivery(), later)!;

        item.Id.ShouldBe("ccv:shop-1:order:400");
        item.Status.ShouldBe(WorkStatus.Received);
        item.Deliveries.ShouldBe(2);
        item.ReceivedAt.ShouldBe(Now);
        item.UpdatedAt.ShouldBe(Now.AddMinutes(5));
    }
}
