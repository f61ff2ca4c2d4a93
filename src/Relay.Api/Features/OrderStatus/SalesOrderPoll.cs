using System.Globalization;
using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.OrdersFromAccountView;
using Relay.Domain.OrderStatus;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.OrderStatus;

/// <summary>What one poll found and queued.</summary>
public sealed record SalesOrderPollResult(int Orders, int StatusChanges, int NewOrders);

/// <summary>
/// One poll of a connection's AccountView sales orders changed since the watermark, less the overlap
/// (accountview-api.md §4.2). A sales order Relay made (<see cref="RelayOrderDocument"/>) whose state moved is order-
/// status work; one Relay did not make, entered after the flow was switched on and selected by the filter, is work
/// for the orders-from-AccountView flow, once. The work is queued in the transaction that records it.
/// </summary>
public sealed class SalesOrderPoll(IDocumentStore store, AccountViewClient accountView, WorkQueue queue,
    TimeProvider clock)
{
    public async Task<SalesOrderPollResult> RunAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var av = connection.AccountViewAccess()
            ?? throw new InvalidOperationException("The connection has no AccountView credentials.");
        var status = connection.OrderStatus is { Enabled: true } s ? s : null;
        var fromAv = connection.OrdersFromAccountView is { Enabled: true } f ? f : null;
        var now = clock.GetUtcNow();
        SalesOrderPollState state;
        await using (var query = store.QuerySession())
            state = await query.LoadAsync<SalesOrderPollState>(connection.Id, ct)
                ?? new SalesOrderPollState { Id = connection.Id };
        if (status is not null && state.BackfilledAt is null)
        {
            await RelayOrderBackfill.RunAsync(store, connection.Id, ct);
            state.BackfilledAt = now;
        }
        var overlap = TimeSpan.FromSeconds(status?.OverlapSeconds ?? new OrderStatusSettings().OverlapSeconds);
        // The first poll starts now: the orders of the past are not the flows' business.
        var since = (state.Watermark ?? now) - overlap;
        if (fromAv is not null) state.OrdersFromAccountViewSince ??= now - overlap;
        var watermark = state.Watermark ?? now;
        int orders = 0, changes = 0, created = 0;
        var page = new List<AvSalesOrder>();
        await foreach (var order in accountView.ReadSalesOrdersAsync(av, since, ct))
        {
            orders++;
            if (ChangeDate(order.Header) is { } changed && changed > watermark) watermark = changed;
            page.Add(order);
            if (page.Count < 100) continue;
            (var c, var n) = await RecordAsync(connection, page, status, fromAv is null ? null : state, ct);
            (changes, created) = (changes + c, created + n);
            page.Clear();
        }
        var (lastChanges, lastNew) = await RecordAsync(connection, page, status, fromAv is null ? null : state, ct);
        (changes, created) = (changes + lastChanges, created + lastNew);

        state.Watermark = watermark;
        state.LastAttemptAt = state.LastPollAt = now;
        state.LastPollOrders = orders;
        state.LastPollQueued = changes + created;
        state.LastError = null;
        state.Polls++;
        await using var session = store.LightweightSession();
        session.Store(state);
        await session.SaveChangesAsync(ct);
        return new SalesOrderPollResult(orders, changes, created);
    }

    /// <returns>How many status changes and new orders were queued.</returns>
    private async Task<(int Changes, int New)> RecordAsync(ConnectionDocument connection, List<AvSalesOrder> page,
        OrderStatusSettings? status, SalesOrderPollState? fromAv, CancellationToken ct)
    {
        if (page.Count == 0) return (0, 0);
        var schema = accountView.Schema;
        var at = clock.GetUtcNow();
        var (session, outbox) = queue.OpenSession();
        await using var _ = session;
        var references = page.Select(o => o.Header[schema.SalesOrderReferenceField]?.Trim())
            .OfType<string>().Where(r => r.Length > 0).Distinct().ToList();
        var ours = (await session.LoadManyAsync<RelayOrderDocument>(ct,
                references.Select(r => RelayOrderDocument.IdOf(connection.Id, r)).ToList()))
            .ToDictionary(d => d.OrderNumber, StringComparer.Ordinal);
        var newKeys = page.Select(o => WorkKey.ForSalesOrder(connection.Id, Number(o)).ToString()).ToList();
        var known = fromAv is null ? new HashSet<string>()
            : (await session.LoadManyAsync<WorkItem>(ct, newKeys)).Select(w => w.Id).ToHashSet();
        int changes = 0, created = 0;
        var dirty = false;
        foreach (var order in page)
        {
            var reference = order.Header[schema.SalesOrderReferenceField]?.Trim() ?? "";
            if (ours.TryGetValue(reference, out var sent))
            {
                if (status is null) continue;
                var now = SalesOrderState.Read(order.Header.Of,
                    [.. order.Lines.Select(l => (Func<string, string?>)l.Of)], status.Fields);
                if (now.Fingerprint == sent.LastState) continue;
                var first = sent.LastState is null;
                sent.LastState = now.Fingerprint;
                session.Store(sent);
                dirty = true;
                // A sales order just made is open: the state to compare the next polls with, and nothing to write.
                if (first && now.IsOpen) continue;
                var key = WorkKey.ForOrderStatus(connection.Id, sent.OrderNumber).ToString();
                session.Events.Append(key, new CatalogueWorkQueued(key, connection.Id, Flow.OrderStatus,
                    ShopEntity.Order, sent.OrderNumber, $"AccountView sales order {Number(order)} changed", at));
                await outbox.PublishAsync(new OrderStatusWork(key));
                changes++;
            }
            else if (fromAv?.OrdersFromAccountViewSince is { } flowSince && Selected(order, connection)
                && EntryDate(order.Header) is { } entered && entered >= flowSince
                && WorkKey.ForSalesOrder(connection.Id, Number(order)).ToString() is var key
                && known.Add(key))
            {
                // Filtered again when it runs (the settings may change before a replay); its decision says why.
                session.Events.Append(key, new CatalogueWorkQueued(key, connection.Id, Flow.OrdersFromAccountView,
                    ShopEntity.SalesOrder, Number(order), "entered in AccountView", at));
                await outbox.PublishAsync(new OrdersFromAccountView.SalesOrderWork(key));
                created++;
            }
        }
        if (dirty || created > 0) await session.SaveChangesAsync(ct);
        return (changes, created);
    }

    /// <summary>Orders the filter does not select are not the flow's: no work, and nothing on record.</summary>
    private static bool Selected(AvSalesOrder order, ConnectionDocument connection) =>
        connection.OrdersFromAccountView is { } settings
        && SalesOrderRules.Selected(settings.FilterField.Length == 0 ? null : order.Header[settings.FilterField],
            settings);

    private string Number(AvSalesOrder order) => order.Header[accountView.Schema.SalesOrderNumberField] ?? "";

    private static DateTimeOffset? ChangeDate(AvRow row) => Date(row["CNG_DATE"]);

    private static DateTimeOffset? EntryDate(AvRow row) => Date(row["INP_DATE"]) ?? Date(row["CNG_DATE"]);

    private static DateTimeOffset? Date(string? text) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
