using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Infrastructure.Caching;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// The shop-side steps of a product write: reading a product's state, attaching variants (attributes and
/// values created as needed), linking a category and replacing a photo. Category and attribute lists are
/// remembered per shop for <see cref="ListLifetime"/>: an import of thousands of products would otherwise
/// spend CCV's 150 GETs a minute (§2.6) on the same lists.
/// </summary>
public sealed class ShopCatalogue(CcvShopClient ccv, TimeProvider clock,
    [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory)
{
    public static readonly TimeSpan ListLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    public async Task<ShopProductState> StateAsync(CcvShopAccess shop, CcvProduct product, CancellationToken ct) =>
        new(product.Id, product.Name ?? "", product.Shortdescription ?? "", product.Description ?? "", product.Price ?? 0,
            product.Eannumber ?? "", product.Taxtariff ?? "", product.IsActive, await CategoriesOfAsync(shop, product, ct),
            (product.Attributecombinations?.Collection ?? []).Select(c => new ShopVariantState(c.Id, c.SkuNumber ?? "", c.EanNumber ?? "", c.NettoExtraPrice ?? 0, c.Active ?? true,
                Values(c))).ToList());

    /// <summary>
    /// The names of a product's categories, from the remembered category list; read again when the product is
    /// in a category the list does not have (made since it was read).
    /// </summary>
    public async Task<IReadOnlyList<string>> CategoriesOfAsync(CcvShopAccess shop, CcvProduct product, CancellationToken ct)
    {
        var links = product.Producttocategories?.Collection ?? await ccv.GetProductCategoriesAsync(shop, product.Id, ct);
        if (links.Count == 0) return [];
        async Task<IEnumerable<(string? Name, long Id)>> Read() => (await ccv.ListCategoriesAsync(shop, ct).ToListAsync(ct)).Select(c => (c.Name, c.Id));
        var byId = Invert(await ListAsync(shop, "categories", Read, ct));
        if (links.Any(l => !byId.ContainsKey(l.CategoryId)))
        {
            memory.Remove(ListKey($"{shop.BaseUrl}|categories"));
            byId = Invert(await ListAsync(shop, "categories", Read, ct));
        }
        return links.Select(l => byId.GetValueOrDefault(l.CategoryId)).OfType<string>().ToList();
    }

    private static Dictionary<long, string> Invert(Dictionary<string, long> byName)
    {
        var byId = new Dictionary<long, string>();
        foreach (var (name, id) in byName) byId.TryAdd(id, name);
        return byId;
    }

    public static IReadOnlyList<AttributeValue> Values(CcvCombination c) =>
        (c.Combination ?? []).Select(p => new AttributeValue(p.Attribute?.Name ?? "", p.AttributeValue?.Name ?? "")).ToList();

    /// <summary>
    /// Sets the prices of values already attached (when the plan says so), attaches the values new variants need
    /// at their prices (the shop generates their combinations), then writes each variant's fields.
    /// </summary>
    /// <returns>What was written, for the audit trail.</returns>
    public async Task<IReadOnlyList<string>> WriteVariantsAsync(CcvShopAccess shop, long productId, ShopProductPlan plan, CancellationToken ct)
    {
        var written = new List<string>();
        if (plan.RepriceValues)
        {
            foreach (var attached in await ccv.ListProductAttributeValuesAsync(shop, productId, ct))
            {
                var wanted = VariantPrices.Find(plan.ValuePrices, new AttributeValue(attached.Optionname ?? "", attached.OptionvalueName ?? ""));
                if (wanted is null || wanted.Price == attached.Price) continue;
                await ccv.SetAttributeValuePriceAsync(shop, attached.Id, wanted.Price, ct);
                written.Add(FormattableString.Invariant($"{wanted.Value.Attribute} {wanted.Value.Value} adds {wanted.Price:0.00}"));
            }
        }
        var fresh = plan.Variants.Where(v => v.IsNew).ToList();
        if (fresh.Count > 0)
        {
            var attached = (await ccv.GetCombinationsAsync(shop, productId, ct)).SelectMany(Values).ToList();
            // The plan's value prices hold each of the family's values once.
            foreach (var (value, price) in plan.ValuePrices.Where(p => fresh.Any(v => v.Values.Any(p.Value.Is)) && !attached.Any(p.Value.Is)))
                await ccv.AttachAttributeValueAsync(shop, productId, await ValueIdAsync(shop, value, ct), price, 0, ct);
        }
        var combinations = fresh.Count > 0 ? await ccv.GetCombinationsAsync(shop, productId, ct) : [];
        foreach (var variant in plan.Variants.Where(v => v.Fields.Count > 0))
        {
            var id = variant.CombinationId ?? combinations.FirstOrDefault(c => AttributeValue.SameSet(Values(c), variant.Values))?.Id;
            if (id is null)
            {
                written.Add($"{variant.Sku}: no combination was generated for {string.Join(" ", variant.Values.Select(v => v.Value))}");
                continue;
            }
            await ccv.UpdateCombinationAsync(shop, id.Value, ShopProductSync.Json(variant.Fields), ct);
            written.Add(variant.IsNew ? $"{variant.Sku} created" : $"{variant.Sku}: {string.Join(", ", variant.Fields.Keys)}");
        }
        return written;
    }

    public async Task LinkCategoryAsync(CcvShopAccess shop, long productId, string name, CancellationToken ct)
    {
        var categoryId = await FindOrCreateAsync(shop, "categories", name,
            async () => (await ccv.ListCategoriesAsync(shop, ct).ToListAsync(ct)).Select(c => (c.Name, c.Id)),
            async () => (await ccv.CreateCategoryAsync(shop, name, ct)).Id, ct);
        await ccv.LinkProductToCategoryAsync(shop, productId, categoryId, ct);
    }

    /// <summary>Removes the photo Relay uploaded before; one the merchant already removed is fine.</summary>
    public async Task DeletePhotoAsync(CcvShopAccess shop, long photoId, CancellationToken ct)
    {
        try
        {
            await ccv.DeletePhotoAsync(shop, photoId, ct);
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
        }
    }

    private async Task<long> ValueIdAsync(CcvShopAccess shop, AttributeValue value, CancellationToken ct)
    {
        var attributeId = await FindOrCreateAsync(shop, "attributes", value.Attribute,
            async () => (await ccv.ListAttributesAsync(shop, ct)).Select(a => (a.Name, a.Id)),
            async () => (await ccv.CreateAttributeAsync(shop, value.Attribute, ct)).Id, ct);
        return await FindOrCreateAsync(shop, $"attributevalues/{attributeId}", value.Value,
            async () => (await ccv.ListAttributeValuesAsync(shop, attributeId, ct)).Select(v => (v.Name, v.Id)),
            async () => (await ccv.CreateAttributeValueAsync(shop, attributeId, value.Value, ct)).Id, ct);
    }

    /// <summary>
    /// The id of a named category, attribute or value, created when the shop has none. One caller at a
    /// time per list: products written side by side must not each create the same category.
    /// </summary>
    private async Task<long> FindOrCreateAsync(CcvShopAccess shop, string list, string name, Func<Task<IEnumerable<(string? Name, long Id)>>> read,
        Func<Task<long>> create, CancellationToken ct)
    {
        var key = $"{shop.BaseUrl}|{list}";
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var byName = await ListLockedAsync(key, read);
            if (byName.TryGetValue(name, out var id)) return id;
            // Not in the remembered list: it may be new in the shop since, so read again before creating.
            memory.Remove(ListKey(key));
            byName = await ListLockedAsync(key, read);
            if (byName.TryGetValue(name, out id)) return id;
            id = await create();
            byName[name] = id;
            return id;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Dictionary<string, long>> ListAsync(CcvShopAccess shop, string list, Func<Task<IEnumerable<(string? Name, long Id)>>> read, CancellationToken ct)
    {
        var key = $"{shop.BaseUrl}|{list}";
        var gate = _gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return new Dictionary<string, long>(await ListLockedAsync(key, read), StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Dictionary<string, long>> ListLockedAsync(string key, Func<Task<IEnumerable<(string? Name, long Id)>>> read)
    {
        if (memory.TryGetValue(ListKey(key), out Dictionary<string, long>? known) && known is not null) return known;
        var byName = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, id) in await read()) if (name is not null) byName.TryAdd(name, id);
        // Lists change seldom, and a name missing from one is read again: ListLifetime only bounds the staleness.
        return memory.Remember(ListKey(key), byName, clock.GetUtcNow() + ListLifetime);
    }

    private static (string, string) ListKey(string key) => (nameof(ShopCatalogue), key);
}
