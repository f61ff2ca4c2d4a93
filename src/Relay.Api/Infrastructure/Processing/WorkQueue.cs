using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Domain.Settings;
using Relay.Domain.WorkItems;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// How work is handed over, by every trigger (a poll, a scan, an import, a replay): the events are appended
/// and the work messages enqueued in one transaction (Wolverine's outbox on the Marten session). After the
/// commit the messages run at once on their lanes; a crash leaves them in the durable inbox.
/// </summary>
public sealed class WorkQueue(IDocumentStore store, IWolverineRuntime runtime, TimeProvider clock,
    ILogger<WorkQueue> logger)
{
    /// <summary>Appends each event to its stream and queues the work of every stream named.</summary>
    public Task AppendAsync(IReadOnlyList<(string Key, object Event)> events, CancellationToken ct) =>
        events.Count == 0 ? Task.CompletedTask : WorkStreams.AppendAsync(store, events, ct, async session =>
        {
            var outbox = new MartenOutbox(runtime, session);
            foreach (var key in events.Select(e => e.Key).Distinct())
                if (WorkMessages.For(key) is { } message) await outbox.PublishAsync((object)message);
        });

    /// <summary>
    /// Appends an attempt's outcome. A temporary failure's retry is scheduled in the same
    /// transaction, so no crash can leave a failed item without its next attempt: Relay's clock decides the time,
    /// the inbox waits for it in real time.
    /// </summary>
    public Task AppendOutcomeAsync(string key, IWorkOutcome outcome, CancellationToken ct) =>
        WorkStreams.AppendAsync(store, [(key, outcome)], ct, async session =>
        {
            if (outcome is not IWorkFailure { NextAttemptAt: { } next } || WorkMessages.For(key, next) is not { } retry)
                return;
            var delay = next - clock.GetUtcNow();
            await new MartenOutbox(runtime, session).PublishAsync((object)retry,
                new DeliveryOptions { ScheduleDelay = delay > TimeSpan.Zero ? delay : TimeSpan.Zero });
        });

    /// <summary>Call before SaveChanges of a settings change: the parked work of flows it switches on is queued with
    /// it.</summary>
    public Task ReleaseParkedAsync(IDocumentSession session, ConnectionDocument after, ConnectionSettings before,
        CancellationToken ct) => new MartenOutbox(runtime, session).ReleaseParkedAsync(after, before, logger, ct);

    /// <summary>A session whose messages commit with it (for a trigger that also writes documents).</summary>
    public (IDocumentSession Session, MartenOutbox Outbox) OpenSession()
    {
        var session = store.LightweightSession();
        return (session, new MartenOutbox(runtime, session));
    }
}
