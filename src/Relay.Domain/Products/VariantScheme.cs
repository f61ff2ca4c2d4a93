using System.Text.RegularExpressions;

namespace Relay.Domain.Products;

/// <summary>
/// Which AccountView articles belong together as one variant product: a regular expression on the
/// article code with a group named "family" (the shop product's number) and one named group per
/// attribute (its name is the shop attribute, e.g. Maat); articles that do not match are simple products.
/// The default reads codes such as ART-00002-M as size M of ART-00002. An empty pattern: no variants.
/// </summary>
public sealed record VariantScheme
{
    public const string DefaultPattern = "^(?<family>.+)-(?<Maat>XXS|XS|S|M|L|XL|XXL|XXXL)$";

    public string? Pattern { get; init; } = DefaultPattern;

    public ArticleKey Of(string code)
    {
        if (string.IsNullOrWhiteSpace(Pattern)) return new ArticleKey(code, []);
        var regex = new Regex(Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        var match = regex.Match(code);
        if (!match.Success || !match.Groups["family"].Success) return new ArticleKey(code, []);
        var attributes = regex.GetGroupNames()
            .Where(n => n != "family" && !int.TryParse(n, out _) && match.Groups[n].Success)
            .Select(n => new AttributeValue(n, match.Groups[n].Value))
            .ToList();
        return new ArticleKey(match.Groups["family"].Value, attributes);
    }

    /// <summary>Why a pattern cannot be used, or null.</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return null;
        try
        {
            var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            if (!regex.GetGroupNames().Contains("family")) return "Needs a group named 'family', e.g. (?<family>.+).";
            if (regex.GetGroupNames().All(n => n == "family" || int.TryParse(n, out _))) return "Needs at least one named attribute group, e.g. (?<Maat>S|M|L).";
            return null;
        }
        catch (ArgumentException e)
        {
            return $"Not a valid regular expression: {e.Message}";
        }
    }
}

/// <summary>The product an article belongs to, and the attribute values that make it a variant (none: a simple product).</summary>
public sealed record ArticleKey(string Family, IReadOnlyList<AttributeValue> Attributes);

public sealed record AttributeValue(string Attribute, string Value)
{
    /// <summary>Whether two variants have the same values (attribute and value names compared without case).</summary>
    public static bool SameSet(IReadOnlyList<AttributeValue> a, IReadOnlyList<AttributeValue> b) => a.Count == b.Count && a.All(x => b.Any(x.Is));

    /// <summary>The same attribute and value, without regard to case.</summary>
    public bool Is(AttributeValue other) =>
        string.Equals(Attribute, other.Attribute, StringComparison.OrdinalIgnoreCase) && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);
}
