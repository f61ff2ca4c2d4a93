using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Connections;
using Relay.Domain.WorkItems;
using Wolverine;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// While a connection has work waiting after temporary failures, AccountView is asked every
/// <see cref="ConnectionProbeHandler.Interval"/> whether it answers again (one light read, the company list);
/// when it does, the waiting work is retried at once instead of at its next step on the schedule.
/// </summary>
public sealed record ProbeConnection(string ConnectionId);

public static class ConnectionProbeHandler
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>How long one probe waits for its answer (in real time, like the interval).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task Handle(ProbeConnection probe, IDocumentStore store, AccountViewClient accountView,
        WorkRecovery recovery, IMessageContext context, CancellationToken ct)
    {
        ConnectionDocument? connection;
        bool waiting;
        await using (var query = store.QuerySession())
        {
            connection = await query.LoadAsync<ConnectionDocument>(probe.ConnectionId, ct);
            waiting = await query.Query<WorkItem>().AnyAsync(w => w.ConnectionId == probe.ConnectionId
                && w.Status == WorkStatus.Failed && w.NextAttemptAt != null, ct);
        }
        if (connection?.AccountViewAccess() is not { } access || !waiting)
        {
            recovery.ProbeEnded(probe.ConnectionId);
            return;
        }
        try
        {
            // One look, not a patient one: the client's own retries are cut short; the next probe comes anyway.
            using var look = CancellationTokenSource.CreateLinkedTokenSource(ct);
            look.CancelAfter(Patience);
            await accountView.GetCompaniesAsync(access, look.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested
            && (Clients.OutboundFailure.Is(e, ct) || e is AccountViewException or OperationCanceledException))
        {
            recovery.ProbeContinues(probe.ConnectionId);
            await context.PublishAsync(probe, new DeliveryOptions { ScheduleDelay = Interval });
            return;
        }
        recovery.ProbeEnded(probe.ConnectionId);
        await recovery.ReleaseWaitingAsync(probe.ConnectionId, context, ct, force: true);
    }
}
