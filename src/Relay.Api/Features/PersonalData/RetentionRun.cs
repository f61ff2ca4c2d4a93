using Marten;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.PersonalData;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.PersonalData;

/// <summary>
/// One connection's retention, now: work not changed for the personal-data retention is masked, work not changed
/// for the work item retention (and not pending) is deleted with its audit trail. Stock figures hold no personal
/// data and are the stock flow's memory of the shop: they are left alone. The run is recorded on the connection's
/// retention stream. One run of a connection at a time across replicas (the sweep, a run on demand, an erasure).
/// </summary>
public sealed class RetentionRun(IDocumentStore store, PersonalDataMasking masking, ClusterLocks locks,
    TimeProvider clock)
{
    public sealed record Report(int Masked, int Deleted);

    public static string LockOf(string connectionId) => $"retention:{connectionId}";

    public async Task<Report> RunAsync(ConnectionDocument connection, string trigger, CancellationToken ct)
    {
        await using var hold = await locks.HoldAsync(LockOf(connection.Id), ct);
        var settings = connection.Retention ?? new RetentionSettings();
        var now = clock.GetUtcNow();
        var oldest = now - TimeSpan.FromDays(Math.Min(settings.PersonalDataDays, settings.WorkItemDays));
        IReadOnlyList<WorkItem> due;
        await using (var query = store.QuerySession())
            due = await query.Query<WorkItem>()
                .Where(w => w.ConnectionId == connection.Id && w.Flow != Flow.Stock && w.UpdatedAt <= oldest)
                .ToListAsync(ct);
        var steps = due.ToLookup(w =>
            Retention.For(w.UpdatedAt, w.PersonalDataMasked, w.NeedsProcessing, settings, now));
        var toMask = steps[RetentionStep.Mask].Select(w => w.Id).ToList();
        var toDelete = steps[RetentionStep.Delete].Select(w => w.Id).ToList();
        await masking.MaskAsync(toMask, $"retention of {settings.PersonalDataDays} days", ct);
        await using var session = store.LightweightSession();
        foreach (var key in toDelete)
        {
            session.Events.TombstoneStream(key); // the stream and every event in it, for good
            session.Delete<WorkItem>(key);
        }
        // Alert messages copy failures' words (which may quote a name back): kept no longer than personal data.
        var alertsBefore = now - TimeSpan.FromDays(settings.PersonalDataDays);
        session.DeleteWhere<AlertDocument>(a => a.ConnectionId == connection.Id && a.State == AlertState.Resolved
                                                && a.ResolvedAt <= alertsBefore);
        session.DeleteWhere<AlertNoticeDocument>(n => n.ConnectionId == connection.Id
            && n.Status != NoticeStatus.Pending && n.CreatedAt <= alertsBefore);
        if (toMask.Count + toDelete.Count > 0 || trigger != RetentionSweep.Trigger)
            session.Events.Append(RetentionApplied.StreamOf(connection.Id),
                new RetentionApplied(connection.Id, trigger, toMask.Count, toDelete.Count, toDelete, now));
        await session.SaveChangesAsync(ct);
        return new Report(toMask.Count, toDelete.Count);
    }
}
