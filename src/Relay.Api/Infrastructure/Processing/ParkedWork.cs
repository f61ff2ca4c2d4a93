using Marten;
using Relay.Api.Features.Connections;
using Relay.Domain.WorkItems;
using Relay.Domain.Settings;
using Wolverine.Marten;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// Work of a switched-off flow is parked: the intake stores its deliveries without a work message, and a message
/// that finds the flow off ends at once; the item stays pending, costing nothing and holding up nothing. Switching
/// the flow on releases it, in the same transaction as the settings change.
/// </summary>
public static class ParkedWork
{
    /// <summary>The most parked items one switch-on releases (more: replay them by filter).</summary>
    public const int MaxRelease = 50_000;

    private static readonly Flow[] Flows =
        [Flow.Orders, Flow.Products, Flow.Customers, Flow.OrderStatus, Flow.OrdersFromAccountView];

    /// <summary>
    /// Call before SaveChanges of a settings change, with the outbox of the session that saves it: queues the
    /// parked work of every flow that the change switches on.
    /// </summary>
    public static async Task ReleaseParkedAsync(this IMartenOutbox outbox, ConnectionDocument after,
        ConnectionSettings before, ILogger logger, CancellationToken ct)
    {
        var session = outbox.Session ?? throw new InvalidOperationException("The outbox has no session.");
        var switchedOn = Flows.Where(f => after.IsOn(f) && !WasOn(before, f)).ToList();
        if (switchedOn.Count == 0) return;
        // Deliveries being parked now are committed first, or see the flow on (FlowSwitchLock).
        await FlowSwitchLock.TakeAsync(session, after.Id, ct);
        foreach (var flow in switchedOn)
        {
            var keys = await session.Query<WorkItem>()
                .Where(w => w.ConnectionId == after.Id && w.Flow == flow && w.Status == WorkStatus.Received)
                .Select(w => w.Id)
                .Take(MaxRelease)
                .ToListAsync(ct);
            foreach (var key in keys)
                if (WorkMessages.For(key) is { } message) await outbox.PublishAsync((object)message);
            if (keys.Count > 0) WorkLog.Unparked(logger, after.Id, flow.ToString(), keys.Count);
        }
    }

    private static bool WasOn(ConnectionSettings before, Flow flow) => flow switch
    {
        Flow.Orders => before.Orders is not { Enabled: false },
        Flow.Products => before.Products is { Enabled: true },
        Flow.OrderStatus => before.OrderStatus is { Enabled: true },
        Flow.OrdersFromAccountView => before.OrdersFromAccountView is { Enabled: true },
        _ => before.Customers is { Enabled: true },
    };
}
