namespace Relay.Domain.Products;

/// <summary>The price an attribute value carries on one product (§4.7 product attribute values).</summary>
public sealed record ValuePrice(AttributeValue Value, decimal Price);

/// <summary>
/// How a family's price differences become prices of attribute values. CCV has no price per variant: a variant
/// costs the product's price plus the prices of its values (§4.7, netto_extra_price). So the difference rides on
/// the first attribute's value, set by the first variant (in code order) with that value; the other attributes'
/// values cost nothing extra. Two variants that share a first value at different prices cannot both be shown.
/// </summary>
public static class VariantPrices
{
    public static IReadOnlyList<ValuePrice> Of(IEnumerable<(IReadOnlyList<AttributeValue> Values, decimal Extra)> variants)
    {
        var prices = new List<ValuePrice>();
        foreach (var (values, extra) in variants)
            for (var i = 0; i < values.Count; i++)
                if (Find(prices, values[i]) is null) prices.Add(new ValuePrice(values[i], i == 0 ? extra : 0m));
        return prices;
    }

    /// <summary>The extra price the shop shows for a variant with these values.</summary>
    public static decimal Shown(IReadOnlyList<ValuePrice> prices, IReadOnlyList<AttributeValue> values) =>
        values.Sum(v => Find(prices, v)?.Price ?? 0m);

    public static ValuePrice? Find(IReadOnlyList<ValuePrice> prices, AttributeValue value) => prices.FirstOrDefault(p => p.Value.Is(value));
}
