using Marten;
using Relay.Api.Clients;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Products;
using Relay.Api.Features.Stock;
using Relay.Domain.Alerts;
using Relay.Domain.Products;
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
        var pollers = new List<PollerRun>();
        if (connection.Stock is { Enabled: true } stock)
        {
            var state = await query.LoadAsync<StockPollState>(connection.Id, ct);
            pollers.Add(new PollerRun("stock poll", Flow.Stock, TimeSpan.FromSeconds(stock.PollSeconds),
                state?.LastPollAt, state?.LastAttemptAt, connection.CreatedAt, state?.LastError));
        }
        if (Features.OrderStatus.SalesOrderPoller.IntervalOf(connection) is { } seconds)
        {
            var state = await query.LoadAsync<Features.OrderStatus.SalesOrderPollState>(connection.Id, ct);
            pollers.Add(new PollerRun("sales-order poll",
                connection.OrderStatus is { Enabled: true } ? Flow.OrderStatus : Flow.OrdersFromAccountView,
                TimeSpan.FromSeconds(seconds), state?.LastPollAt, state?.LastAttemptAt, connection.CreatedAt,
                state?.LastError));
        }
        var products = connection.Products is { Enabled: true, Master: ProductMaster.AccountView } p ? p : null;
        var customers = connection.Customers is { Enabled: true } c ? c : null;
        if (products is null && customers is null) return pollers;
        // The product poll and the customer scan share one state; a failure of either is an attempt of both.
        var scans = await query.LoadAsync<CatalogueState>(connection.Id, ct);
        if (products is not null)
            pollers.Add(new PollerRun("product poll", Flow.Products, TimeSpan.FromSeconds(products.PollSeconds),
                scans?.LastPollAt, Latest(scans?.LastPollAt, scans?.LastFailedAt), connection.CreatedAt,
                scans?.LastError));
        if (customers is not null)
            pollers.Add(new PollerRun("customer scan", Flow.Customers, TimeSpan.FromMinutes(customers.ScanMinutes),
                scans?.LastCustomerScanAt, Latest(scans?.LastCustomerScanAt, scans?.LastFailedAt),
                connection.CreatedAt, scans?.LastError));
        return pollers;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;

    private sealed record Row(string Id, Flow Flow, string EntityId, string? LastError, DateTimeOffset At);
}
