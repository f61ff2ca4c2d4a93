using Relay.Domain.OrderStatus;
using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.OrderStatus;

/// <summary>The shop's webhooks about Relay's own writes to an order: known as such, and never work.</summary>
public sealed class OwnChangeTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Key = "ccv:shop-1:order:7";

    private static WorkItem SentOrder() => new(Key, "shop-1", Flow.Orders, ShopEntity.Order, "7",
        WorkStatus.Succeeded, 1, 1, null, T, T, []);

    private static ReceiveWebhook Delivery(string name, int? status, DateTimeOffset at) =>
        new("shop-1", CcvEvent.Find(name)!, "7", at, $"sha-{name}-{status}-{at:O}",
            new WebhookSummary(Status: status), at);

    private static WorkItem Written(WorkItem item, params string[] echoes) => WorkItem.Evolve(item,
        new ShopOrderWrittenByRelay(Key, ["status"], echoes, "av:shop-1:orderstatus:WEB-1", T))!;

    public static TheoryData<string, string, int?, TimeSpan, bool> Deliveries => new()
    {
        // name, event, status it reports, after the write, Relay's own
        { "the status written", "orders.updated.status", 5, TimeSpan.FromSeconds(2), true },
        { "another status: the merchant's", "orders.updated.status", 6, TimeSpan.FromSeconds(2), false },
        { "track & trace written", "orders.updated.trackandtrace", null, TimeSpan.FromSeconds(2), true },
        { "paid was not written", "orders.updated.ispaid", null, TimeSpan.FromSeconds(2), false },
        { "too late: the merchant's", "orders.updated.status", 5, TimeSpan.FromMinutes(16), false },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public void A_delivery_is_Relays_own_when_it_reports_what_Relay_just_wrote(string name, string @event, int? status,
        TimeSpan after, bool own)
    {
        var item = Written(SentOrder(), OwnChanges.Status(5), OwnChanges.TrackAndTrace);
        var decided = (IntakeDecision.Store)WebhookIntake.Decide(item, Delivery(@event, status, T + after));
        (decided.Event.OwnChange is not null).ShouldBe(own, name);
    }

    [Fact]
    public void An_own_change_is_answered_once_and_never_makes_work_even_for_an_order_not_sent()
    {
        var skipped = SentOrder() with { Status = WorkStatus.Skipped };
        var item = Written(skipped, OwnChanges.Status(5));
        var echo = ((IntakeDecision.Store)WebhookIntake.Decide(item, Delivery("orders.updated.status", 5, T))).Event;
        var after = WorkItem.Evolve(item, echo)!;
        after.Status.ShouldBe(WorkStatus.Skipped);
        after.ExpectedEchoes.ShouldBeEmpty();
        after.Deliveries.ShouldBe(2);

        // The same status reported again later is the merchant's: the order is work again.
        var again = ((IntakeDecision.Store)WebhookIntake.Decide(after,
            Delivery("orders.updated.status", 5, T + TimeSpan.FromSeconds(5)))).Event;
        again.OwnChange.ShouldBeNull();
        WorkItem.Evolve(after, again)!.Status.ShouldBe(WorkStatus.Received);
    }
}
