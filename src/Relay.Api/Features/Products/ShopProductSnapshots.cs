using System.Collections.Concurrent;
using Relay.Api.Clients.CcvShop;

namespace Relay.Api.Features.Products;

/// <summary>
/// The shop's products by number, read once (250 a page) when an import or reconciliation starts, so each
/// of its thousands of products needs no look-up of its own: CCV allows 150 GETs a minute (§2.6), which
/// would make a 10,000-product import take over an hour of look-ups. Only a product found here is taken
/// from it, once: one not found is looked up in the shop (it may have been made since), and a product's
/// entry is dropped when it is used, so a later change is always compared with the shop as it is then.
/// </summary>
public sealed class ShopProductSnapshots(CcvShopClient ccv, TimeProvider clock)
{
    /// <summary>Past this, a snapshot is not used: the shop may have changed under it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, ConcurrentDictionary<string, CcvProduct> ByNumber)> _snapshots = new();

    public async Task<int> TakeAsync(string connectionId, CcvShopAccess shop, CancellationToken ct)
    {
        var byNumber = new ConcurrentDictionary<string, CcvProduct>(StringComparer.OrdinalIgnoreCase);
        var duplicated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var product in ccv.ListProductsAsync(shop, ct, withCategories: true))
            if (product.Productnumber is { Length: > 0 } number && !byNumber.TryAdd(number.Trim(), product)) duplicated.Add(number.Trim());
        // A number the shop has twice is looked up, so the sync sees both and refuses.
        foreach (var number in duplicated) byNumber.TryRemove(number, out _);
        _snapshots[connectionId] = (clock.GetUtcNow(), byNumber);
        return byNumber.Count;
    }

    /// <summary>The product with this number as the snapshot holds it, once; null when it is not there (look it up).</summary>
    public CcvProduct? Use(string connectionId, string number) =>
        _snapshots.TryGetValue(connectionId, out var s) && clock.GetUtcNow() - s.At < MaxAge && s.ByNumber.TryRemove(number, out var product) ? product : null;

    public void Forget() => _snapshots.Clear();
}
