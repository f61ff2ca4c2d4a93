using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Domain.Settings;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// How work is handed over, by every trigger (a poll, a scan, an import, a replay): the events are appended
/// and the work messages enqueued in one transaction (Wolverine's outbox on the Marten session). After the
/// commit the messages run at once on their lanes; a crash leaves them in the durable inbox.
/// </summary>
public sealed class WorkQueue(IDocumentStore store, IWolverineRuntime runtime, ILogger<WorkQueue> logger)
{
    /// <summary>Appends each event to its stream and queues the work of every stream named.</summary>
    public async Task AppendAsync(IReadOnlyList<(string Key, object Event)> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var outbox = new MartenOutbox(runtime, session);
            foreach (var (key, @event) in events) session.Events.Append(key, @event);
            foreach (var key in events.Select(e => e.Key).Distinct())
                if (WorkMessages.For(key) is { } message) await outbox.PublishAsync((object)message);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < WorkStreams.MaxAttempts && WorkStreams.IsLostRace(e))
            {
                // Someone else appended to one of these streams first: append after them.
                await WorkStreams.PauseAfterLostRaceAsync(attempt, ct);
            }
        }
    }

    /// <summary>Call before SaveChanges of a settings change: the parked work of flows it switches on is queued with it.</summary>
    public Task ReleaseParkedAsync(IDocumentSession session, ConnectionDocument after, ConnectionSettings before,
        CancellationToken ct) => new MartenOutbox(runtime, session).ReleaseParkedAsync(after, before, logger, ct);

    /// <summary>A session whose messages commit with it (for a trigger that also writes documents).</summary>
    public (IDocumentSession Session, MartenOutbox Outbox) OpenSession()
    {
        var session = store.LightweightSession();
        return (session, new MartenOutbox(runtime, session));
    }
}
