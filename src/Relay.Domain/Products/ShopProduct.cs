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
