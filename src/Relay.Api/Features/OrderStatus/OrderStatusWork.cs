using Relay.Api.Infrastructure.Processing;
using Wolverine;

namespace Relay.Api.Features.OrderStatus;

/// <summary>Write AccountView's state of a sales order to its shop order (on the orders-back lane).</summary>
public sealed record OrderStatusWork(string Key, DateTimeOffset? RetryOf = null) : IWorkMessage;

public static class OrderStatusWorkHandler
{
    public static Task Handle(OrderStatusWork work, WorkAttempts attempts, OrderStatusProcessor processor,
        IMessageContext context, CancellationToken ct) =>
        attempts.RunAsync(work, Lanes.OrdersBack, processor, context, ct);
}
