using Marten;
using Relay.Api.Infrastructure.Hosting;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Orders;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>
/// Turns due and forgotten work into events the work subscription picks up. Every few seconds: failed
/// work whose next attempt has come gets RetryDue; pending work nobody is working on (handed over before
/// a crash or a stop) gets WorkResumed: at start-up all of it, later what was untouched for
/// <see cref="StaleAfter"/> (orders) or <see cref="CatalogueStaleAfter"/> (products, customers). Two
/// replicas doing this at once cost an extra event, not a second order: processing checks the item's
/// state and the other system first.
/// </summary>
public sealed class RetryScheduler(IDocumentStore store, WorkRunner runner, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<RetryScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Longer than an attempt may take, so work under way is never taken for forgotten.</summary>
    public static readonly TimeSpan StaleAfter = WorkRunner.AttemptBudget * 2;

    /// <summary>The same for product and customer work, whose attempts may take longer.</summary>
    public static readonly TimeSpan CatalogueStaleAfter = WorkRunner.CatalogueBudget * 2;

    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await lifetime.WhenStartedAsync(stoppingToken);
        var startedAt = clock.GetUtcNow();
        var resumedAtStart = false;
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                // At start-up nothing is under way here yet: whatever is pending was left by an earlier run.
                if (resumedAtStart) await ResumeForgottenAsync(clock.GetUtcNow() - StaleAfter, stoppingToken, clock.GetUtcNow() - CatalogueStaleAfter);
                else await ResumeForgottenAsync(startedAt, stoppingToken);
                resumedAtStart = true;
                await ScheduleDueRetriesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Scheduling retries failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> ScheduleDueRetriesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var due = await session.Query<WorkItem>()
            .Where(w => w.Status == WorkStatus.Failed && w.NextAttemptAt != null && w.NextAttemptAt <= now)
            .Select(w => w.Id)
            .Take(Batch)
            .ToListAsync(ct);
        foreach (var key in due) session.Events.Append(key, new RetryDue(key, now));
        await session.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>Pending work (not stock, which has its own sweep) of flows that are on, last touched before <paramref name="before"/>, and not held by this process's runner.</summary>
    /// <param name="catalogueBefore">The cut-off for product and customer work, when it differs.</param>
    public async Task<int> ResumeForgottenAsync(DateTimeOffset before, CancellationToken ct, DateTimeOffset? catalogueBefore = null)
    {
        await using var session = store.LightweightSession();
        var connections = (await session.Query<ConnectionDocument>().ToListAsync(ct)).ToDictionary(c => c.Id);
        if (connections.Count == 0) return 0;
        var ids = connections.Keys.ToArray();
        var forgotten = (await session.Query<WorkItem>()
                .Where(w => w.Status == WorkStatus.Received && w.Flow != Flow.Stock && w.UpdatedAt < before && w.ConnectionId.IsOneOf(ids))
                .OrderBy(w => w.UpdatedAt)
                .Take(Batch)
                .ToListAsync(ct))
            .Where(w => connections[w.ConnectionId].IsOn(w.Flow) && !runner.Holds(w.Id))
            .Where(w => w.Flow == Flow.Orders || w.UpdatedAt < (catalogueBefore ?? before))
            .Select(w => w.Id)
            .ToList();
        var now = clock.GetUtcNow();
        foreach (var key in forgotten) session.Events.Append(key, new WorkResumed(key, now));
        await session.SaveChangesAsync(ct);
        if (forgotten.Count > 0) WorkLog.Resumed(logger, forgotten.Count);
        return forgotten.Count;
    }
}
