namespace Relay.Domain.Products;

/// <summary>A shop product as the article rules see it (shop master). Price is the shop's sell price before discounts.</summary>
public sealed record ShopProduct(
    long Id,
    string Number,
    string Name,
    string ShortDescription,
    string Description,
    decimal Price,
    string Ean,
    string TaxTariff,
    bool Active,
    IReadOnlyList<string> Categories,
    string? Brand,
    IReadOnlyList<ShopVariant> Variants)
{
    /// <summary>Characteristics the data mapper can put into article fields (origin country, delivery time, …), by source name.</summary>
    public IReadOnlyDictionary<string, string> Characteristics { get; init; } = new Dictionary<string, string>();

    /// <summary>The data mapper's source fields for one of this product's articles (the variant's, when it is one).</summary>
    public Dictionary<string, string> Sources(ShopVariant? variant) => new(Characteristics)
    {
        ["product.id"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["product.number"] = Number,
        ["product.name"] = Name,
        ["product.shortDescription"] = ShortDescription,
        ["product.brand"] = Brand ?? "",
        ["product.category"] = Categories.FirstOrDefault() ?? "",
        ["variant.sku"] = variant?.Sku ?? "",
        ["variant.values"] = variant is null ? "" : string.Join(" ", variant.Values.Select(v => v.Value)),
    };

    /// <summary>The values a filter rule on a shop product looks at, by the field names the filters use.</summary>
    public IReadOnlyList<string> ValuesOf(string field) => field.ToLowerInvariant() switch
    {
        "active" => [Active ? "true" : "false"],
        "category" => Categories,
        "brand" => Brand is null ? [] : [Brand],
        "productnumber" => [Number],
        "taxtariff" => [TaxTariff],
        "name" => [Name],
        "eannumber" => [Ean],
        _ => [],
    };
}

/// <summary>A variant (attribute combination, §4.7) with the attribute values that make it.</summary>
public sealed record ShopVariant(long Id, string Sku, string Ean, decimal ExtraPrice, bool Active, IReadOnlyList<AttributeValue> Values);

/// <summary>One article to create or update, with its fields by AccountView name (string, decimal or bool values).</summary>
public sealed record ArticleWrite(string Code, bool Create, IReadOnlyList<(string Field, object Value)> Fields, IReadOnlyList<ProductFieldGroup> Groups);
