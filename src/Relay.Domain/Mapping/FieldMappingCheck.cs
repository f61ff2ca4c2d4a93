using System.Text.RegularExpressions;

namespace Relay.Domain.Mapping;

/// <summary>What is wrong with a connection's mapper overrides, by field ("mappings[0].from"), for a 400.</summary>
public static partial class FieldMappingCheck
{
    public const int MaxMappings = 100;

    public static Dictionary<string, string[]> Problems(IReadOnlyList<FieldMapping> mappings, string prefix = "mappings")
    {
        var problems = new Dictionary<string, string[]>();
        if (mappings.Count > MaxMappings) problems[prefix] = [$"At most {MaxMappings} overrides."];
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            var at = $"{prefix}[{i}]";
            if (m is null)
            {
                problems[at] = ["An override, not null."];
                continue;
            }
            var dot = m.Target?.IndexOf('.') ?? -1;
            if (m.Target is null || dot < 0 || !MappingSources.Objects.Contains(m.Target[..dot]) || !FieldName().IsMatch(m.Target[(dot + 1)..]))
            {
                problems[$"{at}.target"] = [$"'{m.Target}' is not a target: use order.FIELD, line.FIELD, debtor.FIELD or article.FIELD with an AccountView field name (e.g. order.REF_TEXT)."];
                continue;
            }
            var sources = MappingSources.For(m.Object);
            var kinds = (m.From is null ? 0 : 1) + (m.Constant is null ? 0 : 1) + (m.Concat is null ? 0 : 1)
                + (m.Drop ? 1 : 0);
            if (kinds != 1) problems[at] = ["Give exactly one of 'from', 'constant', 'concat' or 'drop'."];
            if (m.From is not null && !sources.Contains(m.From))
                problems[$"{at}.from"] = [$"'{m.From}' is not a source field of {m.Object}; known: {string.Join(", ", sources)}."];
            if (m.Concat is { } parts)
            {
                if (parts.Count == 0) problems[$"{at}.concat"] = ["Name at least one source field."];
                foreach (var part in parts.Where(p => !sources.Contains(p)))
                    problems[$"{at}.concat"] = [$"'{part}' is not a source field of {m.Object}."];
            }
            if (m.MaxLength is < 1 or > 1000) problems[$"{at}.maxLength"] = ["Between 1 and 1000."];
            if (m.Constant is { Length: > 1000 }) problems[$"{at}.constant"] = ["At most 1000 characters."];
        }
        var duplicate = mappings.Where(m => m?.Target is not null).GroupBy(m => m.Target,
            StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) problems[prefix] = [$"Target '{duplicate.Key}' is overridden more than once."];
        return problems;
    }

    /// <summary>
    /// Overrides whose target field the administration does not have, for a 400 when they are saved: AccountView would
    /// refuse every write that carries them. Tables whose dictionary was not read are not checked; drops always fit.
    /// </summary>
    public static Dictionary<string, string[]> AgainstAdministration(IReadOnlyList<FieldMapping> mappings,
        AdministrationFields administration,
        Orders.DocumentKind document, string prefix = "mappings")
    {
        var problems = new Dictionary<string, string[]>();
        for (var i = 0; i < mappings.Count; i++)
        {
            var m = mappings[i];
            if (m is null || m.Drop || m.Target?.Contains('.') != true
                || TableOf(m.Object, document) is not { } table) continue;
            if (administration.Table(table) is not null && !administration.Has(table, m.Field))
                problems[$"{prefix}[{i}].target"] =
                    [$"This AccountView administration's {table} has no field {m.Field}."];
        }
        return problems;
    }

    /// <summary>The AccountView table a mapper object writes.</summary>
    public static string? TableOf(string @object, Orders.DocumentKind document) => @object switch
    {
        MappingSources.OrderObject => document == Orders.DocumentKind.SalesOrder ? "SO_HDR" : "DJ_PAGE",
        MappingSources.LineObject => document == Orders.DocumentKind.SalesOrder ? "SO_LINE" : "DJ_LINE",
        MappingSources.DebtorObject => "CONTACT",
        MappingSources.ArticleObject => "ARTICLE",
        _ => null,
    };

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,19}$")]
    private static partial Regex FieldName();
}
