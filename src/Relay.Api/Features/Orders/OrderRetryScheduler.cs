using Marten;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Orders;

/// <summary>
/// Turns due retries into work: every few seconds, failed orders whose next attempt has come get a
/// RetryDue event, which the order subscription picks up. Two replicas doing this at once cost an
/// extra event, not a second order: processing checks the item's state and AccountView first.
/// </summary>
public sealed class OrderRetryScheduler(IDocumentStore store, TimeProvider clock, ILogger<OrderRetryScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScheduleDueRetriesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Scheduling retries failed; trying again in {Interval}", Interval);
            }
        }
    }

    public async Task<int> ScheduleDueRetriesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var due = await session.Query<WorkItem>()
            .Where(w => w.Status == WorkStatus.Failed && w.NextAttemptAt != null && w.NextAttemptAt <= now)
            .Select(w => w.Id)
            .Take(500)
            .ToListAsync(ct);
        foreach (var key in due) session.Events.Append(key, new RetryDue(key, now));
        await session.SaveChangesAsync(ct);
        return due.Count;
    }
}
