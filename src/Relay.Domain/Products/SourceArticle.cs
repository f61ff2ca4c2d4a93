namespace Relay.Domain.Products;

/// <summary>An AccountView article as the product rules see it. Price as AccountView holds it; Stock as the stock flow would write it.</summary>
public sealed record SourceArticle(
    string Code,
    string Name,
    string? LongDescription,
    string Group,
    string GroupName,
    decimal Price,
    string Ean,
    string VatCode,
    bool Blocked,
    string? ImageSha256,
    decimal Stock);

/// <summary>The articles that make one shop product: one without attributes (simple), or variants.</summary>
public sealed record ArticleFamily(string Code, IReadOnlyList<FamilyMember> Members)
{
    public bool HasVariants => Members.Any(m => m.Attributes.Count > 0);

    /// <summary>The product's name: the words all variants' names start with ("T-shirt basic" of "T-shirt basic S").</summary>
    public string Name
    {
        get
        {
            if (Members.Count == 1 && !HasVariants) return Members[0].Article.Name;
            var words = Members.Select(m => m.Article.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var common = words[0].TakeWhile((w, i) => words.All(ws => ws.Length > i && ws[i] == w)).ToList();
            // A single variant keeps its values out of the name when they end it.
            if (Members.Count == 1)
                common = words[0].Reverse().SkipWhile(w => Members[0].Attributes.Any(a => a.Value == w)).Reverse().ToList();
            return common.Count > 0 ? string.Join(' ', common) : Code;
        }
    }
}

public sealed record FamilyMember(SourceArticle Article, IReadOnlyList<AttributeValue> Attributes);

/// <summary>A shop product as Relay last read it (AccountView master: what is compared before writing).</summary>
public sealed record ShopProductState(
    long Id,
    string Name,
    string ShortDescription,
    string Description,
    decimal Price,
    string Ean,
    string TaxTariff,
    bool Active,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ShopVariantState> Variants);

/// <param name="ExtraPrice">What the variant costs on top of the product's price (§4.7 netto_extra_price).</param>
public sealed record ShopVariantState(long Id, string Sku, string Ean, decimal ExtraPrice, bool Active, IReadOnlyList<AttributeValue> Values);
