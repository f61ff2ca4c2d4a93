using System.Collections.Concurrent;
using Marten;
using Relay.Domain.WorkItems;
using Wolverine;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// After an outage, work does not wait for its next step on the retry schedule (which may be minutes away):
/// the first attempt of a connection that succeeds after a temporary failure retries the connection's waiting
/// work at once, and so does the first answer to the connection's probe (<see cref="ProbeConnection"/>), which
/// runs while work waits.
/// </summary>
public sealed class WorkRecovery(IDocumentStore store, ILogger<WorkRecovery> logger)
{
    /// <summary>The most waiting items one release sends on; a larger backlog keeps the rest of its schedule.</summary>
    public const int MaxRelease = 10_000;

    private readonly ConcurrentDictionary<string, byte> _troubled = new(); // connections with waiting work
    // Connections with a probe under way, and when it was last heard of: one not heard of for a while is taken
    // for lost (its message dropped by an administrator, say), and a new one starts.
    private readonly ConcurrentDictionary<string, DateTime> _probing = new();
    private static readonly TimeSpan ProbeLost = ConnectionProbeHandler.Interval * 3;

    /// <summary>An attempt of the connection failed for now: its probe starts, unless one runs.</summary>
    public async Task NoteTroubleAsync(string connectionId, IMessageContext context)
    {
        _troubled.TryAdd(connectionId, 0);
        var now = DateTime.UtcNow; // the probe waits in real time, in the inbox
        var last = _probing.GetOrAdd(connectionId, DateTime.MinValue);
        if (now - last < ProbeLost || !_probing.TryUpdate(connectionId, now, last)) return;
        await context.PublishAsync(new ProbeConnection(connectionId),
            new DeliveryOptions { ScheduleDelay = ConnectionProbeHandler.Interval });
    }

    /// <summary>The probe asked again and will ask once more.</summary>
    public void ProbeContinues(string connectionId) => _probing[connectionId] = DateTime.UtcNow;

    public void ProbeEnded(string connectionId) => _probing.TryRemove(connectionId, out _);

    /// <summary>
    /// Whether work of the connection should wait for its probe instead of trying: the probe is under way here
    /// and other work of the connection waits after a failure. Outage or not, that work is released at the probe's
    /// first answer; trying now would only add requests to a system that is not answering.
    /// </summary>
    public async Task<bool> ShouldWaitForProbeAsync(string connectionId, CancellationToken ct)
    {
        if (!_probing.ContainsKey(connectionId)) return false;
        await using var query = store.QuerySession();
        return await query.Query<WorkItem>().AnyAsync(w => w.ConnectionId == connectionId
            && w.Status == WorkStatus.Failed && w.NextAttemptAt != null, ct);
    }

    /// <param name="force">The probe found the other system answering: release even without a failure seen here
    /// (the failures may have been on another replica).</param>
    public async Task ReleaseWaitingAsync(string connectionId, IMessageContext context, CancellationToken ct,
        bool force = false)
    {
        if (!_troubled.TryRemove(connectionId, out _) && !force) return;
        List<WorkItem> waiting;
        await using (var query = store.QuerySession())
            waiting = (await query.Query<WorkItem>()
                .Where(w => w.ConnectionId == connectionId && w.Status == WorkStatus.Failed && w.NextAttemptAt != null)
                .OrderBy(w => w.NextAttemptAt)
                .Take(MaxRelease)
                .ToListAsync(ct)).ToList();
        foreach (var item in waiting)
            if (WorkMessages.For(item.Id, item.NextAttemptAt) is { } message)
                await context.PublishAsync((object)message);
        if (waiting.Count > 0) WorkLog.Released(logger, connectionId, waiting.Count);
    }
}
