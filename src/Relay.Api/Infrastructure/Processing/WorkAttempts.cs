using Marten;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.WorkItems;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;
using Wolverine;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// Runs one work message: one attempt at its item, under the item's cluster-wide lock, within its lane's
/// budget. Its outcome is appended through <see cref="WorkQueue.AppendOutcomeAsync"/>, which schedules a
/// temporary failure's retry with it; after the attempt a failure starts the connection's probe and a success
/// releases the connection's waiting work (<see cref="WorkRecovery"/>); while the probe finds AccountView not
/// answering, the connection's work is not tried but waits for it, on schedule. A message
/// for an item under way (here or on another replica) runs again a moment later; one that finds the shop's budget
/// for this minute used runs again in the next (<see cref="CcvBudget"/>).
/// </summary>
public sealed class WorkAttempts(IDocumentStore store, ClusterLocks locks, WorkRecovery recovery, TimeProvider clock,
    ILogger<WorkAttempts> logger)
{
    /// <summary>How long a message waits when its item is under way.</summary>
    public static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(500);

    /// <summary>Why an attempt was not made while the connection's probe waits for an answer.</summary>
    private const string NotTried =
        "Not tried: AccountView has not answered the connection's probe yet; tried when it does, or on schedule.";

    public async Task RunAsync(IWorkMessage work, Lanes.Lane lane, IWorkProcessor processor, IMessageContext context,
        CancellationToken ct)
    {
        await using (var hold = await locks.TryHoldAsync($"work:{work.Key}", ct))
        {
            if (hold is null)
            {
                // Under way here or on another replica: run once more after it, for what arrived meanwhile.
                await context.PublishAsync((object)work, new DeliveryOptions { ScheduleDelay = Busy });
                return;
            }
            if (work.RetryOf is { } due && !await MakeDueAsync(work.Key, due, ct)) return;
            if (await recovery.ShouldWaitForProbeAsync(WorkKey.Parse(work.Key).ConnectionId, ct))
                await processor.RecordTemporaryFailureAsync(work.Key, NotTried, ct);
            else
                await AttemptAsync(work.Key, lane, processor, hold, context, ct);
        }
        await FollowUpAsync(work.Key, context, ct);
    }

    /// <summary>A retry whose time has come: the item is made pending again, unless the retry is stale.</summary>
    private async Task<bool> MakeDueAsync(string key, DateTimeOffset due, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            if (await query.LoadAsync<WorkItem>(key, ct) is not { Status: WorkStatus.Failed } item
                || item.NextAttemptAt != due) return false;
        }
        await WorkStreams.AppendAsync(store, [(key, new RetryDue(key, clock.GetUtcNow()))], ct);
        return true;
    }

    private async Task AttemptAsync(string key, Lanes.Lane lane, IWorkProcessor processor, ClusterLocks.Hold hold,
        IMessageContext context, CancellationToken stopping)
    {
        using var budget = new CancellationTokenSource(lane.Budget, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, budget.Token, hold.Lost.Token);
        CcvBudget.Defer(); // the lane's slot is not held while the shop's next minute is waited for
        try
        {
            await processor.ProcessAsync(key, linked.Token);
        }
        catch (CcvBudgetUsedException used)
        {
            // Run again in the shop's next window, spread over its first seconds; nothing is recorded, since
            // nothing was decided (an interrupted attempt is safe to run again).
            var delay = used.Next - clock.GetUtcNow() + TimeSpan.FromMilliseconds(Random.Shared.Next(3_000));
            WorkLog.Deferred(logger, key, used.Next);
            await context.PublishAsync((object)WorkMessages.For(key)!, new DeliveryOptions { ScheduleDelay = delay });
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            var reason = $"The attempt took longer than {lane.Budget.TotalSeconds:0} s. Retried on schedule.";
            await processor.RecordTemporaryFailureAsync(key, reason, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One item's unexpected error must not stop the others; it is recorded as a failure, retried on schedule.
            WorkLog.Crashed(logger, key, e);
            await processor.RecordTemporaryFailureAsync(key,
                $"Unexpected error ({e.GetType().Name}); retried on schedule.", stopping);
        }
    }

    /// <summary>After the attempt: the connection's probe started, or its waiting work released.</summary>
    private async Task FollowUpAsync(string key, IMessageContext context, CancellationToken ct)
    {
        WorkItem? item;
        await using (var query = store.QuerySession()) item = await query.LoadAsync<WorkItem>(key, ct);
        switch (item)
        {
            case { Status: WorkStatus.Failed, NextAttemptAt: not null }:
                // Its retry is scheduled with the failure (WorkQueue.AppendOutcomeAsync); the probe starts.
                await recovery.NoteTroubleAsync(item.ConnectionId, context);
                break;
            case { Status: WorkStatus.Succeeded or WorkStatus.Skipped }:
                await recovery.ReleaseWaitingAsync(item.ConnectionId, context, ct);
                break;
        }
    }
}
