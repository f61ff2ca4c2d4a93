using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Stock;

/// <summary>Where one SKU's stock lives in the shop, and the figure the shop showed when last seen.</summary>
public sealed record ShopStockTarget(long ProductId, long? CombinationId, bool StockPerVariant, bool StockEnabled, decimal? Stock)
{
    public override string ToString() => CombinationId is { } c ? $"variant {c} of product {ProductId}" : $"product {ProductId}";
}

/// <summary>
/// SKU → product or variant of each connection's shop. CCV Shop's only SKU lookup (productqueries) allows
/// 30 calls a minute (ccvshop-api.md §2.4), too few for a catalogue, so the index is built from the product
/// listing with its variants (250 a page) and kept in memory: rebuilt every <see cref="MaxAge"/>, and when a
/// SKU is missing and the index is older than <see cref="MissRefresh"/>.
/// </summary>
public sealed class ShopSkuIndex(CcvShopClient ccv, TimeProvider clock,
    [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);
    public static readonly TimeSpan MissRefresh = TimeSpan.FromMinutes(10);

    // Kept past MaxAge (rebuilt at its next use): KnownStock's figures outlive a quiet hour, not a quiet day.
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _building = new();

    public async Task<ShopStockTarget?> FindAsync(ConnectionDocument connection, string sku, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(connection, ct);
        if (snapshot.BySku.TryGetValue(sku, out var target)) return target;
        if (clock.GetElapsedTime(snapshot.BuiltAt) < MissRefresh) return null;
        snapshot = await BuildAsync(connection, snapshot, ct);
        return snapshot.BySku.GetValueOrDefault(sku);
    }

    /// <summary>The figure the shop shows for a SKU as far as known, without calling the shop.</summary>
    public decimal? KnownStock(string connectionId, string sku) =>
        Known(connectionId) is { } s && s.BySku.TryGetValue(sku, out var t) ? t.Stock : null;

    public async Task<int> CountAsync(ConnectionDocument connection, CancellationToken ct) => (await CurrentAsync(connection, ct)).BySku.Count;

    /// <summary>Records what Relay just wrote, so the next comparison needs no call.</summary>
    public void Remember(string connectionId, string sku, ShopStockTarget target)
    {
        if (Known(connectionId) is { } s) s.BySku[sku] = target;
    }

    /// <summary>Drops a connection's index (its products changed in ways a SKU map cannot follow).</summary>
    public void Forget(string connectionId) => memory.Remove(KeyOf(connectionId));

    private async Task<Snapshot> CurrentAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var s = Known(connection.Id);
        if (s is not null && clock.GetElapsedTime(s.BuiltAt) < MaxAge) return s;
        return await BuildAsync(connection, s, ct);
    }

    private async Task<Snapshot> BuildAsync(ConnectionDocument connection, Snapshot? seen, CancellationToken ct)
    {
        var gate = _building.GetOrAdd(connection.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Someone else built it while this caller waited.
            if (Known(connection.Id) is { } current && !ReferenceEquals(current, seen)) return current;
            var started = clock.GetTimestamp();
            var bySku = new ConcurrentDictionary<string, ShopStockTarget>(StringComparer.OrdinalIgnoreCase);
            await foreach (var product in ccv.ListProductsAsync(connection.ShopAccess(), ct))
            {
                var combinations = product.Attributecombinations?.Collection ?? [];
                var perVariant = combinations.Count > 0 && !string.Equals(product.Stocktype, "Product", StringComparison.OrdinalIgnoreCase);
                if (!string.IsNullOrWhiteSpace(product.Productnumber))
                    bySku.TryAdd(product.Productnumber.Trim(), new ShopStockTarget(product.Id, null, perVariant, product.Stockenabled, product.Stock));
                foreach (var c in combinations)
                    if (!string.IsNullOrWhiteSpace(c.SkuNumber))
                        bySku.TryAdd(c.SkuNumber.Trim(), new ShopStockTarget(product.Id, c.Id, true, product.Stockenabled, c.Stock));
            }
            var built = new Snapshot(bySku, started);
            return memory.Remember(KeyOf(connection.Id), built, clock.GetUtcNow() + Retention);
        }
        finally
        {
            gate.Release();
        }
    }

    private Snapshot? Known(string connectionId) => memory.Get<Snapshot>(KeyOf(connectionId));

    private static (string, string) KeyOf(string connectionId) => (nameof(ShopSkuIndex), connectionId);

    private sealed record Snapshot(ConcurrentDictionary<string, ShopStockTarget> BySku, long BuiltAt); // BuiltAt: a monotonic timestamp
}
