using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Features.Products;

/// <summary>
/// The shop's products, read once (250 a page, with variants and category links) when an import or
/// reconciliation starts, so each of its thousands of products needs no read of its own: CCV allows 150
/// GETs a minute (§2.6), which would make a 10,000-product import take over an hour of reads. A product is
/// taken from it once: its entry is dropped when used, so a retry, replay or later change reads the shop
/// as it is then. AccountView master: the snapshot is the target, by number; one not found is looked up
/// (it may have been made since). Shop master: it is the source, by id, and not used for a product a
/// webhook said changed after it was taken.
/// </summary>
public sealed class ShopProductSnapshots(CcvShopClient ccv, TimeProvider clock,
    [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory)
{
    /// <summary>Past this, a snapshot is not used: the shop may have changed under it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    /// <summary>Webhooks are stamped by whichever replica took them: a delivery this close before the snapshot counts as after it.</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    private sealed record Snapshot(DateTimeOffset At, ConcurrentDictionary<string, CcvProduct> ByNumber, ConcurrentDictionary<long, CcvProduct> ById);

    /// <summary>Reads every product of the shop and keeps them for the work about to be queued; returns them.</summary>
    public async Task<IReadOnlyList<CcvProduct>> TakeAsync(string connectionId, CcvShopAccess shop, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var all = await ccv.ListProductsAsync(shop, ct, withCategories: true).ToListAsync(ct);
        var byNumber = new ConcurrentDictionary<string, CcvProduct>(StringComparer.OrdinalIgnoreCase);
        var duplicated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var product in all)
            if (product.Productnumber is { Length: > 0 } number && !byNumber.TryAdd(number.Trim(), product)) duplicated.Add(number.Trim());
        // A number the shop has twice is looked up, so the sync sees both and refuses.
        foreach (var number in duplicated) byNumber.TryRemove(number, out _);
        // Past MaxAge the shop may have changed under it, so it is not used, and need not be held.
        memory.Remember(SnapshotKey(connectionId), new Snapshot(at, byNumber,
            new ConcurrentDictionary<long, CcvProduct>(all.Select(p => KeyValuePair.Create(p.Id, p)))), at + MaxAge);
        return all;
    }

    /// <summary>The product with this number as the snapshot holds it, once; null when it is not there (look it up).</summary>
    public CcvProduct? Use(string connectionId, string number) =>
        Fresh(connectionId) is { } s && s.ByNumber.TryRemove(number, out var product) ? product : null;

    /// <summary>
    /// The product with this id as the snapshot holds it, once; null when it is not there, or when a webhook for
    /// it arrived after (or just before) the snapshot was taken: then the snapshot may be older than the change.
    /// </summary>
    public CcvProduct? UseById(string connectionId, long id, DateTimeOffset? lastDeliveryAt)
    {
        if (Fresh(connectionId) is not { } s || !s.ById.TryRemove(id, out var product)) return null;
        return lastDeliveryAt is { } delivered && delivered > s.At - ClockMargin ? null : product;
    }

    /// <summary>The snapshot, until <see cref="MaxAge"/> after it was taken; not held in memory past that.</summary>
    private Snapshot? Fresh(string connectionId) => memory.Get<Snapshot>(SnapshotKey(connectionId));

    private static (string, string) SnapshotKey(string connectionId) => (nameof(ShopProductSnapshots), connectionId);
}
