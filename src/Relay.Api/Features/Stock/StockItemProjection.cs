using JasperFx.Events;
using Marten.Events.Aggregation;
using Relay.Domain.Orders;
using Relay.Domain.Stock;

namespace Relay.Api.Features.Stock;

/// <summary>Keeps each SKU's <see cref="StockItem"/> in step with its stream, in the events' transaction.</summary>
public sealed class StockItemProjection : SingleStreamProjection<StockItem, string>
{
    public StockItemProjection()
    {
        IncludeType<StockChanged>();
        IncludeType<StockWritten>();
        IncludeType<StockSkipped>();
        IncludeType<StockWriteFailed>();
        IncludeType<ReplayRequested>();
    }

    public override StockItem? Evolve(StockItem? snapshot, string id, IEvent e) => StockItem.Evolve(snapshot, e.Data);
}
