namespace Relay.Domain.Products;

public enum FilterOperator
{
    Equals,
    NotEquals,
    NotEmpty,
    Empty,
    OneOf,
}

/// <summary>
/// One custom filter: an article (AccountView field names, e.g. AG_CODE) or a shop product (active,
/// category, brand, productnumber, taxtariff, name) is written only when it meets the rule.
/// OneOf takes a comma-separated list. A field with several values (categories) meets Equals when any does.
/// </summary>
public sealed record ProductFilterRule(string Field, FilterOperator Operator, string? Value = null)
{
    public bool IsMetBy(IReadOnlyList<string> values) => Operator switch
    {
        FilterOperator.Equals => values.Any(v => Same(v, Value)),
        FilterOperator.NotEquals => !values.Any(v => Same(v, Value)),
        FilterOperator.NotEmpty => values.Any(v => !string.IsNullOrWhiteSpace(v)),
        FilterOperator.Empty => values.All(string.IsNullOrWhiteSpace),
        _ => values.Any(v => (Value ?? "").Split(',', StringSplitOptions.TrimEntries).Any(o => Same(v, o))),
    };

    public override string ToString() => Operator switch
    {
        FilterOperator.NotEmpty => $"{Field} is not empty",
        FilterOperator.Empty => $"{Field} is empty",
        FilterOperator.Equals => $"{Field} equals '{Value}'",
        FilterOperator.NotEquals => $"{Field} does not equal '{Value}'",
        _ => $"{Field} is one of '{Value}'",
    };

    private static bool Same(string a, string? b) => string.Equals(a.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}

public static class ProductFilter
{
    /// <summary>The reason to leave a record out: the first rule (1-based) it does not meet, with what it has; null when it meets them all.</summary>
    public static string? ReasonToSkip(IReadOnlyList<ProductFilterRule> rules, Func<string, IReadOnlyList<string>> valuesOf)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var values = valuesOf(rule.Field);
            if (rule.IsMetBy(values)) continue;
            var has = values.Count == 0 || values.All(string.IsNullOrWhiteSpace) ? "it has none" : $"it has '{string.Join("', '", values)}'";
            return $"Filter rule {i + 1} ({rule}) is not met: {has}.";
        }
        return null;
    }
}
