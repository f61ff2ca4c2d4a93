using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// Shop → AccountView for one shop product: re-read it, apply the filters and the article rules
/// (Relay.Domain), and create or update one article per product or variant. Each article is looked up by
/// code before it is created, so repeats and replays update instead of doubling.
/// </summary>
public sealed class ArticleSync(AccountViewClient accountView, CcvShopClient ccv, ShopCatalogue catalogue, ArticleGroups articleGroups,
    ShopProductSnapshots snapshots, AdministrationDictionary dictionary)
{
    /// <param name="lastDeliveryAt">When the last webhook for this product came: an import's snapshot older than that is not used.</param>
    public async Task<SyncResult> RunAsync(long productId, DateTimeOffset? lastDeliveryAt, ConnectionDocument connection, ProductFlowSettings settings,
        CancellationToken ct)
    {
        if (await dictionary.AccessAsync(connection, ct) is not { } av)
            return new SyncResult.Refused("The connection has no AccountView credentials.");
        var shop = connection.ShopAccess();
        CcvProduct found;
        try
        {
            found = snapshots.UseById(connection.Id, productId, lastDeliveryAt) ?? await ccv.GetProductAsync(shop, productId, ct);
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            return new SyncResult.Skip($"The shop has no product {productId} (any more); its articles are left in AccountView.");
        }
        var categories = await catalogue.CategoriesOfAsync(shop, found, ct);
        var product = ToShopProduct(found, categories);
        if (string.IsNullOrWhiteSpace(product.Number) && product.Variants.All(v => string.IsNullOrWhiteSpace(v.Sku)))
            return new SyncResult.Skip($"Shop product {productId} has no product number: there is no article code to write it under.");
        if (ProductFilter.ReasonToSkip(settings.Filters, product.ValuesOf) is { } reason) return new SyncResult.Skip(reason);

        var decisions = new List<string>();
        var existing = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, _, _, _, _, _) in ArticleRules.Articles(product))
            if (await accountView.FindArticleAsync(av, code, ct) is { } row)
                existing[code] = row.Fields.ToDictionary(f => f.Key.ToUpperInvariant(), f => f.Value?.ToString(), StringComparer.OrdinalIgnoreCase);

        string? group = null;
        if (categories.Count > 0)
        {
            (group, var groupWhy) = await articleGroups.CodeForAsync(av, categories[0], ct);
            decisions.Add(groupWhy);
        }
        (string, string)? image = null;
        if (found.Productmainphoto is { Length: > 0 } photo)
        {
            if (settings.Fields is { WriteImage: true, ImageData: { Length: > 0 } dataField })
            {
                image = (dataField, Convert.ToBase64String(await ccv.DownloadPhotoAsync(photo, ct)));
                decisions.Add($"The main photo goes into {dataField} (base64; replaced only when it differs).");
            }
            else decisions.Add("The main photo is not sent: whether AccountView takes an image through its Web API is unverified (accountview-api.md §3.6), and fields.writeImage is off.");
        }

        var writes = ArticleRules.Plan(product, existing, group, image, settings, decisions, connection.Mappings);
        var written = new List<string>();
        foreach (var write in writes)
        {
            var (fields, notes) = AccountViewFit.Apply(av.Fields, accountView.Schema.ArticleTable,
                write.Fields.Select(f => f.Value switch
            {
                decimal n => AvField.Number(f.Field, n),
                bool b => AvField.Logical(f.Field, b),
                var v => AvField.Text(f.Field, v.ToString()),
            }).ToList());
            decisions.AddRange(notes.Select(n => $"{write.Code}: {n}"));
            if (write.Create)
            {
                await accountView.CreateArticleAsync(av, write.Code, fields, ct);
                written.Add($"{write.Code} created");
            }
            else if (fields.Count > 0)
            {
                await accountView.UpdateArticleAsync(av, write.Code, fields, ct);
                written.Add($"{write.Code}: {string.Join(", ", write.Groups)}");
            }
        }
        if (written.Count == 0) decisions.Add("Nothing differed (within the switched-on field groups): nothing was written.");
        return new SyncResult.Done($"articles {string.Join(", ", writes.Select(w => w.Code))}", written, decisions);
    }

    private static ShopProduct ToShopProduct(CcvProduct p, IReadOnlyList<string> categories) => new(
        p.Id, p.Productnumber?.Trim() ?? "", p.Name ?? "", p.Shortdescription ?? "", p.Description ?? "",
        (p.Price ?? 0) - (p.Discount ?? 0), p.Eannumber ?? "", p.Taxtariff ?? "normal", p.IsActive, categories, p.Brand?.Name,
        (p.Attributecombinations?.Collection ?? []).Select(c => new ShopVariant(c.Id, c.SkuNumber?.Trim() ?? "", c.EanNumber ?? "", c.NettoExtraPrice ?? 0,
            c.Active ?? true, ShopCatalogue.Values(c))).ToList())
    {
        Characteristics = new Dictionary<string, string>
        {
            ["product.originCountry"] = p.Tradecodesystem?.Coo ?? "",
            ["product.hsCode"] = p.Tradecodesystem?.Code ?? "",
            ["product.deliveryTime"] = p.StockDeliveryNumber is { } n ? $"{n} {p.StockDeliveryType}".Trim() : p.StockDeliveryType ?? "",
            ["product.unit"] = p.Unit ?? "",
            ["product.weight"] = p.Weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["product.mpn"] = p.Mpnnumber ?? "",
        },
    };
}
