using System.Text.Json.Nodes;
using Marten;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.OrderStatus;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.OrderStatus;

/// <summary>
/// One order's status work: AccountView's sales order and the shop order are read as they are now, the rule
/// (<see cref="OrderStatusDecision"/>) decides what differs, and only that is written: one PATCH (status, track
/// &amp; trace, paid, the customer's mail, ccvshop-api.md §5.3) and the invoice note (§5.4). The write is put on the
/// shop order's stream first, so the webhooks it causes are known there as Relay's own and make no work.
/// </summary>
public sealed class OrderStatusProcessor(IDocumentStore store, WorkQueue queue, AccountViewClient accountView,
    CcvShopClient ccv, TimeProvider clock) : CatalogueProcessorBase(store, queue, clock)
{
    protected override Flow FlowOf(WorkItem item) => Flow.OrderStatus;

    protected override async Task<ICatalogueOutcome> RunAsync(WorkItem item, ConnectionDocument connection,
        CancellationToken ct)
    {
        var settings = connection.OrderStatus ?? new OrderStatusSettings();
        RelayOrderDocument? order;
        await using (var query = Store.QuerySession())
            order = await query.LoadAsync<RelayOrderDocument>(RelayOrderDocument.IdOf(connection.Id, item.EntityId),
                ct);
        if (order is null) return Failed(item, $"Relay has no record of webshop order {item.EntityId}.", null, true);
        if (connection.AccountViewAccess() is not { } av)
            return Failed(item, "The connection has no AccountView credentials.", null, permanent: true);
        var salesOrder = await accountView.ReadSalesOrderAsync(av, accountView.Schema.SalesOrderReferenceField,
            order.OrderNumber, ct);
        if (salesOrder is null)
            return Skipped(item, $"AccountView has no sales order for webshop order {order.OrderNumber} (any more).");
        var state = SalesOrderState.Read(salesOrder.Header.Of,
            [.. salesOrder.Lines.Select(l => (Func<string, string?>)l.Of)],
            settings.Fields);
        var shop = connection.ShopAccess();
        var now = await ccv.GetOrderAsync(shop, order.ShopOrderId, ct);
        var notes = state.InvoiceNumber is not null && settings.InvoiceNote
            ? (await ccv.GetOrderNotesAsync(shop, order.ShopOrderId, ct)).Select(n => n.Note ?? "").ToList()
            : [];
        var (update, decisions) = OrderStatusDecision.Decide(state,
            new ShopOrderNow(now.Status, now.TrackAndTraceCode, now.TrackAndTraceCarrier, now.Paid, notes), settings);
        var number = salesOrder.Header[accountView.Schema.SalesOrderNumberField];
        var target = $"shop order {order.OrderNumber} (AccountView sales order {number})";
        if (update.IsEmpty)
            return Skipped(item, $"Nothing to write to {target}: {string.Join(" ", decisions)}");

        var written = Written(update);
        await WorkStreams.AppendAsync(Store, [(order.OrderKey, new ShopOrderWrittenByRelay(order.OrderKey, written,
            update.Echoes, item.Id, Clock.GetUtcNow()))], ct);
        if (update.PatchesOrder) await ccv.UpdateOrderAsync(shop, order.ShopOrderId, Body(update), ct);
        if (update.InvoiceNote is { } note) await ccv.AddOrderNoteAsync(shop, order.ShopOrderId, note, ct);
        return new CatalogueSynced(item.Id, target, written, decisions, Clock.GetUtcNow());
    }

    private static JsonObject Body(ShopOrderUpdate update)
    {
        var body = new JsonObject();
        if (update.Status is { } status)
        {
            body["status"] = status;
            body["mail"] = update.Mail;
            if (update.MailNote is { } note) body["note"] = note;
        }
        if (update.TrackAndTrace is { } code) body["track_and_trace_code"] = code;
        if (update.Carrier is { } carrier) body["track_and_trace_carrier"] = carrier;
        if (update.Paid is { } paid) body["paid"] = paid;
        return body;
    }

    private static IReadOnlyList<string> Written(ShopOrderUpdate u) =>
    [
        .. u.Status is { } s ? [$"status {ShopStatuses.Name(s)}{(u.Mail ? ", customer mailed" : "")}"]
            : Array.Empty<string>(),
        .. u.TrackAndTrace is { } t ? [$"track & trace {t}{(u.Carrier is { } c ? $" ({c})" : "")}"]
            : Array.Empty<string>(),
        .. u.Paid is true ? ["paid"] : Array.Empty<string>(),
        .. u.InvoiceNote is { } n ? [$"note \"{n}\""] : Array.Empty<string>(),
    ];
}
