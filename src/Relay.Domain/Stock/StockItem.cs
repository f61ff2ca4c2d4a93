namespace Relay.Domain.Stock;

/// <summary>
/// Where one SKU's stock stands between AccountView and the shop, folded from its stream: the figure
/// wanted and the figure last written. Wanted differing from Written is pending work.
/// </summary>
public sealed record StockItem(string Id, string ConnectionId, string Sku, decimal Wanted, decimal? Written, bool Skipped, DateTimeOffset UpdatedAt)
{
    /// <summary>A figure waits to be written (or to be found unwritable again).</summary>
    public bool Pending => !Skipped && Written != Wanted;

    public static StockItem? Evolve(StockItem? state, object @event) => @event switch
    {
        StockChanged e when state is null => new StockItem(e.Key, e.ConnectionId, e.Sku, e.Figure, null, false, e.At),
        StockChanged e => state with { Wanted = e.Figure, Skipped = false, UpdatedAt = e.At },
        StockWritten e when state is not null => state with { Written = e.Figure, Skipped = false, UpdatedAt = e.At },
        StockSkipped e when state is not null && e.Figure == state.Wanted => state with { Skipped = true, UpdatedAt = e.At },
        // A replay writes the wanted figure again, whatever the shop was last told.
        Orders.ReplayRequested e when state is not null => state with { Written = null, Skipped = false, UpdatedAt = e.At },
        _ => state,
    };
}
