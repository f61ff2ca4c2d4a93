using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Domain.Tests.WorkItems;

/// <summary>An order's work item carries the shop's order number once an attempt has read the order, whatever the
/// outcome; an attempt that failed before reading it keeps the number known.</summary>
public sealed class WorkItemReferenceTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Key = "ccv:shop-1:order:4921";

    public static TheoryData<object[], string?> Histories => new()
    {
        { [], null },
        { [new OrderFailed(Key, "CCV Shop did not answer.", null, false, At, At)], null },
        { [new OrderFailed(Key, "Articles missing.", null, true, null, At, "WEB-1001")], "WEB-1001" },
        {
            [new OrderFailed(Key, "Articles missing.", null, true, null, At, "WEB-1001"),
                new OrderFailed(Key, "CCV Shop did not answer.", null, false, At, At)], "WEB-1001"
        },
        { [new OrderSkipped(Key, "Not paid.", At, "WEB-1001")], "WEB-1001" },
        { [new OrderSent(Key, "WEB-1001", DocumentKind.SalesOrder, "SO-1", "10001", "created", At)], "WEB-1001" },
    };

    [Theory]
    [MemberData(nameof(Histories))]
    public void The_order_number_is_the_last_one_read(object[] outcomes, string? reference)
    {
        var item = WorkItem.Evolve(null, new OrderFoundByPoll(Key, "shop-1", "4921", At));
        foreach (var outcome in outcomes) item = WorkItem.Evolve(item, outcome);

        item!.Reference.ShouldBe(reference);
    }
}
