using Marten;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.OrderStatus;

/// <summary>
/// Orders Relay sent before it recorded them as <see cref="RelayOrderDocument"/> (versions before the order-status
/// flow) are recorded from their <see cref="OrderSent"/> events, once per connection, so the flow follows them too.
/// </summary>
public static class RelayOrderBackfill
{
    /// <returns>How many orders were recorded.</returns>
    public static async Task<int> RunAsync(IDocumentStore store, string connectionId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var prefix = WorkKey.ForShopEntity(connectionId, ShopEntity.Order, "").ToString();
        var sent = (await session.Events.QueryRawEventDataOnly<OrderSent>()
                .Where(e => e.Key.StartsWith(prefix) && e.Kind == DocumentKind.SalesOrder).ToListAsync(ct))
            .DistinctBy(e => e.OrderNumber).ToList();
        var ids = sent.Select(e => RelayOrderDocument.IdOf(connectionId, e.OrderNumber)).ToList();
        var known = (await session.LoadManyAsync<RelayOrderDocument>(ct, ids)).Select(d => d.Id).ToHashSet();
        var added = 0;
        foreach (var e in sent)
        {
            if (known.Contains(RelayOrderDocument.IdOf(connectionId, e.OrderNumber))
                || !long.TryParse(WorkKey.Parse(e.Key).EntityId, out var shopOrderId)) continue;
            session.Store(new RelayOrderDocument
            {
                Id = RelayOrderDocument.IdOf(connectionId, e.OrderNumber), ConnectionId = connectionId,
                OrderNumber = e.OrderNumber, ShopOrderId = shopOrderId, OrderKey = e.Key, DecidedAt = e.At,
            });
            added++;
        }
        if (added > 0) await session.SaveChangesAsync(ct);
        return added;
    }
}
