using Marten;
using Relay.Api.Clients;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Stock;
using Relay.Domain.Alerts;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Alerts;

/// <summary>What the alert rules look at for one connection, read from PostgreSQL in one query session.</summary>
public sealed class AlertObservationReader(IDocumentStore store)
{
    /// <summary>The most work items read per kind: beyond it the count of an alert says "at least".</summary>
    public const int MaxItems = 10_000;

    public async Task<AlertObservations> ReadAsync(ConnectionDocument connection, AlertRules rules,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var failed = await query.Query<WorkItem>()
            .Where(w => w.ConnectionId == connection.Id && w.Status == WorkStatus.Failed && w.NextAttemptAt == null)
            .OrderBy(w => w.UpdatedAt).Take(MaxItems)
            .Select(w => new Row(w.Id, w.Flow, w.EntityId, w.LastError, w.UpdatedAt)).ToListAsync(ct);
        var stalledBefore = now - TimeSpan.FromMinutes(rules.StallMinutes);
        var unfinished = await query.Query<WorkItem>()
            .Where(w => w.ConnectionId == connection.Id && w.UpdatedAt <= stalledBefore
                        && (w.Status == WorkStatus.Received || w.Status == WorkStatus.Processing))
            .OrderBy(w => w.UpdatedAt).Take(MaxItems)
            .Select(w => new Row(w.Id, w.Flow, w.EntityId, w.LastError, w.UpdatedAt)).ToListAsync(ct);
        var contacts = await query.LoadManyAsync<SystemContactDocument>(ct,
            SystemContacts.CcvShopId(connection.ShopAccess().ShopKey), SystemContacts.AccountViewId(connection.Id));
        return new AlertObservations(
            [.. failed.Select(r => new FinishedWithFailure(r.Id, r.Flow, r.EntityId, r.LastError ?? "Failed.", r.At))],
            // Work of a flow that is off is parked, not stalled: it waits for the flow to be switched on.
            [.. unfinished.Where(r => connection.IsOn(r.Flow))
                .Select(r => new UnfinishedWork(r.Id, r.Flow, r.EntityId, r.At))],
            [.. contacts.Select(Contact)],
            await PollersAsync(query, connection, ct));
    }

    private static SystemContact Contact(SystemContactDocument c) =>
        new(c.Id.StartsWith("ccvshop|", StringComparison.Ordinal) ? "CCV Shop" : "AccountView", c.FailingSince,
            c.LastFailure, c.CredentialsRejectedAt, c.CredentialsMessage, c.LongestWait, c.LongestWaitAt);

    private static async Task<IReadOnlyList<PollerRun>> PollersAsync(IQuerySession query,
        ConnectionDocument connection, CancellationToken ct)
    {
        if (connection.Stock is not { Enabled: true } stock) return [];
        var state = await query.LoadAsync<StockPollState>(connection.Id, ct);
        return [new PollerRun("stock poll", Flow.Stock, TimeSpan.FromSeconds(stock.PollSeconds), state?.LastPollAt,
            state?.LastAttemptAt, connection.CreatedAt, state?.LastError)];
    }

    private sealed record Row(string Id, Flow Flow, string EntityId, string? LastError, DateTimeOffset At);
}
