using System.Text.Json.Nodes;
using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Domain.Products;

namespace Relay.Api.Features.Products;

/// <summary>
/// AccountView → shop for one article family: re-read the articles, apply the filters and the product
/// rules (Relay.Domain), and write what they decided. Found by product number before anything is
/// created, so a repeated or interrupted run updates the product it made instead of making another.
/// </summary>
public sealed class ShopProductSync(IDocumentStore store, AccountViewClient accountView, CcvShopClient ccv, ShopCatalogue catalogue,
    ShopProductSnapshots snapshots, ArticleGroups articleGroups)
{
    public async Task<SyncResult> RunAsync(string key, string family, ConnectionDocument connection, ProductFlowSettings settings, CancellationToken ct)
    {
        if (connection.AccountViewAccess() is not { } av) return new SyncResult.Refused("The connection has no AccountView credentials.");
        var shop = connection.ShopAccess();
        var rows = (await accountView.FindArticlesContainingAsync(av, family, ct))
            .Where(r => string.Equals(settings.Variants.Of(r["ART_CODE"] ?? "").Family, family, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (rows.Count == 0) return new SyncResult.Skip($"No AccountView article belongs to {family} (any more); nothing is removed from the shop.");

        var decisions = new List<string>();
        var kept = new List<AvRow>();
        foreach (var row in rows)
        {
            if (ProductFilter.ReasonToSkip(settings.Filters, field => SourceArticles.ValuesOf(row, field)) is { } reason)
                decisions.Add($"Article {row["ART_CODE"]} left out. {reason}");
            else kept.Add(row);
        }
        if (kept.Count == 0) return new SyncResult.Skip(string.Join(" ", decisions));

        var groups = await articleGroups.DescriptionsAsync(av, kept.Select(r => r["AG_CODE"] ?? "").Distinct().ToList(), ct);
        var articles = kept.Select(r => SourceArticles.From(r, settings, connection.Stock, groups)).ToList();
        var familyOf = ShopProductRules.Families(articles, settings.Variants).Single();

        var found = snapshots.Use(connection.Id, family) is { } known ? [known] : await ccv.FindProductsByNumberAsync(shop, family, ct);
        if (found.Count > 1)
            return new SyncResult.Refused($"The shop has {found.Count} products with number {family} ({string.Join(", ", found.Select(p => p.Id))}); remove the extra ones and replay.");
        var existing = found.Count == 1 ? await catalogue.StateAsync(shop, found[0], ct) : null;
        if (existing is null && settings.PackageId is null)
            return new SyncResult.Refused($"Product {family} would be created, but products.packageId is not set (CCV requires a package for a new product, §4.6).");

        ProductLinkDocument link;
        await using (var query = store.QuerySession()) link = await query.LoadAsync<ProductLinkDocument>(key, ct) ?? new ProductLinkDocument { Id = key };
        var ours = existing is not null && link.ShopProductId == existing.Id;
        var plan = ShopProductRules.Plan(familyOf, existing, settings, ours ? link.ImageSha256 : null, finishingCreate: ours && !link.Complete);
        decisions.AddRange(plan.Decisions);

        long productId;
        if (existing is null)
        {
            productId = (await ccv.CreateProductAsync(shop, Json(plan.ProductFields), ct)).Id;
            // On record at once: an attempt interrupted from here on is finished as a create by the next one.
            (link.ShopProductId, link.Complete, link.PhotoId, link.ImageSha256) = (productId, false, null, null);
            await SaveAsync(link, ct);
        }
        else productId = existing.Id;
        if (existing is not null && plan.ProductFields.Count > 0) await ccv.UpdateProductAsync(shop, productId, Json(plan.ProductFields), ct);
        var written = plan.Groups.Select(g => g.ToString()).ToList();
        if (plan.Variants.Count > 0) written.AddRange(await catalogue.WriteVariantsAsync(shop, productId, plan, ct));
        if (plan.LinkCategory is { } category) await catalogue.LinkCategoryAsync(shop, productId, category, ct);
        if (plan.UploadImage)
        {
            var row = kept.First(r => string.Equals(r["ART_CODE"], familyOf.Members[0].Article.Code, StringComparison.OrdinalIgnoreCase));
            if (link.PhotoId is { } old) await catalogue.DeletePhotoAsync(shop, old, ct);
            var photo = await ccv.UploadMainPhotoAsync(shop, productId, SourceArticles.Image(row, settings)!, SourceArticles.ImageType(row, settings), ct);
            (link.PhotoId, link.ImageSha256) = (photo.Id, familyOf.Members[0].Article.ImageSha256);
            decisions.Add(existing is null ? "The article's image is the product's main photo." : "The article's image changed: the main photo was replaced.");
        }
        link.ShopProductId = productId;
        link.Complete = true;
        await SaveAsync(link, ct);
        return new SyncResult.Done($"CCV product {productId}", existing is null ? ["created", .. written] : written, decisions, link.ImageSha256);
    }

    private async Task SaveAsync(ProductLinkDocument link, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(link);
        await session.SaveChangesAsync(ct);
    }

    internal static JsonObject Json(IReadOnlyDictionary<string, object?> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value switch
        {
            null => null,
            string text => JsonValue.Create(text),
            decimal number => JsonValue.Create(number),
            long number => JsonValue.Create(number),
            bool flag => (JsonNode?)JsonValue.Create(flag),
            var other => JsonValue.Create(other.ToString()),
        })));
}
