using Relay.Api.Infrastructure.Processing;
using Wolverine;

namespace Relay.Api.Features.Orders;

/// <summary>Run an order's pending work (on the orders lane).</summary>
public sealed record OrderWork(string Key, DateTimeOffset? RetryOf = null) : IWorkMessage;

public static class OrderWorkHandler
{
    public static Task Handle(OrderWork work, WorkAttempts attempts, OrderProcessor orders, IMessageContext context,
        CancellationToken ct) => attempts.RunAsync(work, Lanes.Orders, orders, context, ct);
}
