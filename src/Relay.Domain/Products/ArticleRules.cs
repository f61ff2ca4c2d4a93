namespace Relay.Domain.Products;

/// <summary>The shop → AccountView product rules: one article per simple product, one per variant.</summary>
public static class ArticleRules
{
    /// <summary>ART_DESC1's length is not known (§3.6); 50 keeps within what S3 sends.</summary>
    public const int DescriptionLength = 50;

    /// <summary>The article code of each article the product makes: the product number, or per variant its SKU (else number and values).</summary>
    public static IReadOnlyList<(string Code, string Name, decimal Price, string Ean, bool Active, ShopVariant? Variant)> Articles(ShopProduct product)
    {
        if (product.Variants.Count == 0) return [(product.Number, product.Name, product.Price, product.Ean, product.Active, null)];
        return product.Variants.Select(v =>
        {
            var code = !string.IsNullOrWhiteSpace(v.Sku) ? v.Sku : string.Join('-', v.Values.Select(x => x.Value).Prepend(product.Number));
            var name = string.Join(' ', v.Values.Select(x => x.Value).Prepend(product.Name));
            return (code, name, product.Price + v.ExtraPrice, v.Ean, product.Active && v.Active, (ShopVariant?)v);
        }).ToList();
    }

    /// <param name="existing">The articles AccountView has, by code: their current field values.</param>
    /// <param name="group">The article group the product's category maps to, or null.</param>
    /// <param name="image">The image field to write (name and base64 data), when the administration takes images.</param>
    /// <param name="mappings">The data mapper's overrides; those of "article.*" set or add article fields (written when they differ).</param>
    public static IReadOnlyList<ArticleWrite> Plan(ShopProduct product, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> existing,
        string? group, (string Field, string Data)? image, ProductFlowSettings settings, List<string> decisions,
        IReadOnlyList<Mapping.FieldMapping>? mappings = null)
    {
        var f = settings.Fields;
        var (vatCode, rate, why) = TaxTariffs.ForTariff(product.TaxTariff, settings);
        decisions.Add(why);
        var writes = new List<ArticleWrite>();
        foreach (var (code, name, price, ean, active, variant) in Articles(product))
        {
            var current = existing.GetValueOrDefault(code);
            var isNew = current is null;
            var fields = new List<(string, object)>();
            var groups = new List<ProductFieldGroup>();
            void Group(ProductFieldGroup g, params (string? Field, object Value)[] values)
            {
                if (!isNew && !settings.Updates.Writes(g)) return;
                var changed = values.Where(v => !string.IsNullOrEmpty(v.Field) && (isNew || !Same(v.Value, current!.GetValueOrDefault(v.Field!)))).ToList();
                if (changed.Count == 0) return;
                fields.AddRange(changed.Select(c => (c.Field!, c.Value)));
                groups.Add(g);
            }
            Group(ProductFieldGroup.Name, ("ART_DESC1", Truncate(name, DescriptionLength)), (f.LongDescription, product.Description));
            Group(ProductFieldGroup.Price, ("PX_SELL", TaxTariffs.ToArticle(price, rate, settings)));
            Group(ProductFieldGroup.Ean, (f.Ean, ean));
            Group(ProductFieldGroup.VatTariff, (f.VatCode, vatCode));
            if (group is not null) Group(ProductFieldGroup.Category, ("AG_CODE", group));
            Group(ProductFieldGroup.Active, (f.Blocked, !active));
            if (image is { } img) Group(ProductFieldGroup.Image, (img.Field, img.Data));
            foreach (var mapping in (mappings ?? []).Where(m => m.Object == Mapping.MappingSources.ArticleObject))
            {
                var value = mapping.Evaluate(product.Sources(variant));
                fields.RemoveAll(f => string.Equals(f.Item1, mapping.Field, StringComparison.OrdinalIgnoreCase));
                if (isNew || !Same(value, current!.GetValueOrDefault(mapping.Field))) fields.Add((mapping.Field, value));
            }
            writes.Add(new ArticleWrite(code, isNew, fields, groups));
        }
        return writes;
    }

    /// <summary>The article group code a shop category becomes: its letters and digits, upper case, at most 10 (AG_CODE is "!" formatted).</summary>
    public static string GroupCode(string category)
    {
        var letters = new string(category.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return letters.Length == 0 ? "WEBSHOP" : Truncate(letters, 10);
    }

    private static bool Same(object value, string? current) => value switch
    {
        decimal d => decimal.TryParse(current, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var c) && c == d,
        bool b => bool.TryParse(current, out var c) ? c == b : !b && string.IsNullOrEmpty(current),
        _ => string.Equals(value.ToString()?.Trim(), current?.Trim() ?? "", StringComparison.Ordinal),
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
