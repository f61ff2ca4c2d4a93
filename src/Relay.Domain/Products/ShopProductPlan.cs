namespace Relay.Domain.Products;

/// <summary>
/// What to write to the shop for one article family. ProductFields use CCV's write names (§4.6: active,
/// not is_active); empty when nothing differs. Variants lists each variant with the fields its
/// combination gets (§4.7 PATCH names); New variants still need their attribute values attached.
/// ValuePrices are the prices the family's attribute values carry (<see cref="VariantPrices"/>): new values are
/// attached with them, and with RepriceValues the values already attached are set to them.
/// </summary>
public sealed record ShopProductPlan(
    IReadOnlyDictionary<string, object?> ProductFields,
    IReadOnlyList<ProductFieldGroup> Groups,
    string? LinkCategory,
    bool UploadImage,
    IReadOnlyList<VariantPlan> Variants,
    IReadOnlyList<ValuePrice> ValuePrices,
    bool RepriceValues,
    IReadOnlyList<string> Decisions)
{
    public bool WritesNothing => ProductFields.Count == 0 && LinkCategory is null && !UploadImage && !RepriceValues &&
                                 Variants.All(v => !v.IsNew && v.Fields.Count == 0);
}

/// <param name="CombinationId">The shop's combination, when it exists already.</param>
public sealed record VariantPlan(string Sku, IReadOnlyList<AttributeValue> Values, long? CombinationId, IReadOnlyDictionary<string, object?> Fields)
{
    public bool IsNew => CombinationId is null;
}

/// <summary>The AccountView → shop product rules.</summary>
public static class ShopProductRules
{
    /// <param name="existing">The shop's product with this number, or null to create it.</param>
    /// <param name="uploadedImageSha256">The image Relay last uploaded for this product, if any.</param>
    /// <param name="finishingCreate">Relay created the product but was interrupted before it was complete: every group is written as on create.</param>
    public static ShopProductPlan Plan(ArticleFamily family, ShopProductState? existing, ProductFlowSettings settings, string? uploadedImageSha256,
        bool finishingCreate = false)
    {
        var decisions = new List<string>();
        var first = family.Members[0].Article;
        var (tariff, rate, tariffWhy) = TaxTariffs.ForVatCode(first.VatCode, settings);
        var prices = family.Members.Select(m => TaxTariffs.ToShop(m.Article.Price, rate, settings)).ToList();
        var basePrice = prices.Min();
        var active = family.Members.Any(m => !m.Article.Blocked);
        var isNew = existing is null || finishingCreate;
        decisions.Add(existing is null
            ? $"No shop product has number {family.Code}: it is created{(family.HasVariants ? $" with {family.Members.Count} variants" : "")}."
            : finishingCreate
                ? $"Shop product {existing!.Id} was created by an interrupted attempt: it is completed as on create."
                : $"Shop product {existing!.Id} has number {family.Code}: field groups are written as the update switches say.");
        decisions.Add(tariffWhy);

        var fields = new Dictionary<string, object?>();
        var groups = new List<ProductFieldGroup>();
        void Group(ProductFieldGroup group, params (string Field, object? Value, object? Current)[] values)
        {
            if (!isNew && !settings.Updates.Writes(group)) return;
            var changed = values.Where(v => isNew || !Equal(v.Value, v.Current)).ToList();
            if (changed.Count == 0) return;
            foreach (var (field, value, _) in changed) fields[field] = value;
            groups.Add(group);
        }

        var description = first.LongDescription is { Length: > 0 } long_ ? long_ : family.Name;
        Group(ProductFieldGroup.Name, ("name", family.Name, existing?.Name), ("shortdescription", family.Name, existing?.ShortDescription),
            ("description", description, existing?.Description));
        Group(ProductFieldGroup.Price, ("price", basePrice, existing?.Price));
        if (!family.HasVariants) Group(ProductFieldGroup.Ean, ("eannumber", first.Ean, existing?.Ean));
        Group(ProductFieldGroup.VatTariff, ("taxtariff", tariff, existing?.TaxTariff));
        Group(ProductFieldGroup.Active, ("active", active, existing?.Active));
        if (existing is null)
        {
            fields["productnumber"] = family.Code;
            fields["discount"] = 0m;
            fields["package_id"] = settings.PackageId;
            if (!family.HasVariants && settings.StockOnCreate) fields["stock"] = first.Stock;
        }

        string? category = null;
        if (!string.IsNullOrWhiteSpace(first.GroupName) && (isNew || settings.Updates.Category) &&
            existing?.Categories.Contains(first.GroupName, StringComparer.OrdinalIgnoreCase) != true)
        {
            category = first.GroupName;
            groups.Add(ProductFieldGroup.Category);
            decisions.Add($"Article group {first.Group} is shop category '{first.GroupName}'.");
        }

        var image = first.ImageSha256;
        var upload = image is not null && (isNew || (settings.Updates.Image && image != uploadedImageSha256));
        if (upload) groups.Add(ProductFieldGroup.Image);
        if (image is not null && !upload && image == uploadedImageSha256) decisions.Add("The image is the one uploaded before: not uploaded again.");

        var variants = new List<VariantPlan>();
        var valuePrices = VariantPrices.Of(family.Members.Select((m, i) => (m.Attributes, prices[i] - basePrice)));
        var repriced = new List<string>();
        for (var i = 0; i < family.Members.Count && family.HasVariants; i++)
        {
            var (article, values) = (family.Members[i].Article, family.Members[i].Attributes);
            var shop = existing?.Variants.FirstOrDefault(v => string.Equals(v.Sku, article.Code, StringComparison.OrdinalIgnoreCase))
                       ?? existing?.Variants.FirstOrDefault(v => AttributeValue.SameSet(v.Values, values));
            var variantFields = new Dictionary<string, object?>();
            void Variant(ProductFieldGroup group, string field, object? value, object? current)
            {
                if (shop is not null && (!settings.Updates.Writes(group) || Equal(value, current))) return;
                variantFields[field] = value;
            }
            if (shop is null || !string.Equals(shop.Sku, article.Code, StringComparison.OrdinalIgnoreCase))
            {
                variantFields["sku_number"] = article.Code;
                variantFields["product_number"] = article.Code;
            }
            Variant(ProductFieldGroup.Ean, "ean_number", article.Ean, shop?.Ean);
            Variant(ProductFieldGroup.Active, "active", !article.Blocked, shop?.Active);
            if (shop is null && settings.StockOnCreate) variantFields["stock"] = article.Stock;
            var (extra, shown) = (prices[i] - basePrice, VariantPrices.Shown(valuePrices, values));
            if (shown != extra)
                decisions.Add($"{article.Code} should cost {Money(extra)} on top of the product's price, but the shop prices variants by " +
                              $"attribute value and {string.Join(" ", values.Select(v => v.Value))} is priced by an earlier variant: it shows {Money(shown)}.");
            if (shop is not null && shop.ExtraPrice != shown && (isNew || settings.Updates.Writes(ProductFieldGroup.Price)))
                repriced.Add($"{article.Code} {Money(shown)} (was {Money(shop.ExtraPrice)})");
            variants.Add(new VariantPlan(article.Code, values, shop?.Id, variantFields));
        }
        if (repriced.Count > 0)
        {
            if (!groups.Contains(ProductFieldGroup.Price)) groups.Add(ProductFieldGroup.Price);
            decisions.Add($"Variant prices on top of the product's: {string.Join(", ", repriced)}.");
        }
        if (variants.Any(v => v.IsNew)) decisions.Add($"New variants: {string.Join(", ", variants.Where(v => v.IsNew).Select(v => v.Sku))}.");
        if (!isNew && groups.Count == 0 && variants.All(v => v.Fields.Count == 0)) decisions.Add("Nothing differed (within the switched-on field groups): nothing was written.");
        else if (!isNew && groups.Count > 0) decisions.Add($"Written: {string.Join(", ", groups)}.");
        return new ShopProductPlan(fields, groups, category, upload, variants, family.HasVariants ? valuePrices : [], repriced.Count > 0, decisions);
    }

    /// <summary>Groups articles into families by the scheme; each family's members in code order.</summary>
    public static IReadOnlyList<ArticleFamily> Families(IEnumerable<SourceArticle> articles, VariantScheme scheme) =>
        articles.Select(a => (Article: a, Key: scheme.Of(a.Code)))
            .GroupBy(x => x.Key.Family, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ArticleFamily(g.Key, g.OrderBy(x => x.Article.Code, StringComparer.Ordinal)
                .Select(x => new FamilyMember(x.Article, x.Key.Attributes)).ToList()))
            .ToList();

    private static string Money(decimal amount) => (amount < 0 ? "-" : "+") + Math.Abs(amount).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static bool Equal(object? value, object? current) => (value, current) switch
    {
        (decimal a, decimal b) => a == b,
        (bool a, bool b) => a == b,
        _ => string.Equals(value?.ToString()?.Trim() ?? "", current?.ToString()?.Trim() ?? "", StringComparison.Ordinal),
    };
}
