using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Relay.Simulators.AccountView;

/// <summary>
/// GET accountviewdata parameters (accountview-api.md §2.2): numbered filters, MatchAnyFilter, sorting,
/// PageNumber/PageSize or lastKey, and Fields. Parameter names, values and field names are case-insensitive.
/// </summary>
public sealed class AccountViewQuery
{
    private readonly Dictionary<string, string> _params;

    public AccountViewQuery(IQueryCollection query) =>
        _params = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public string? this[string name] => _params.GetValueOrDefault(name);

    /// <returns>The selected rows of one page, or an error message.</returns>
    public (List<JsonObject>? Rows, string? Error) Apply(IEnumerable<JsonObject> all, string key, int defaultPageSize, int maxPageSize)
    {
        var filters = new List<Func<JsonObject, bool>>();
        for (var n = 1; _params.ContainsKey($"FilterControlSource{n}"); n++)
        {
            var (filter, error) = Filter(n);
            if (error is not null) return (null, error);
            filters.Add(filter!);
        }
        var matchAny = string.Equals(this["MatchAnyFilter"], "true", StringComparison.OrdinalIgnoreCase);
        var rows = all.Where(r => filters.Count == 0 || (matchAny ? filters.Any(f => f(r)) : filters.All(f => f(r))));

        var sortFields = (this["SortFields"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Field).ToList();
        var descending = string.Equals(this["SortOrder"], "descending", StringComparison.OrdinalIgnoreCase);
        var lastKey = this["lastKey"];
        if (sortFields.Count == 0 || lastKey is not null) sortFields = [key];
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var field in sortFields)
        {
            Func<JsonObject, IComparable?> by = r => SortValue(r[field]);
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(by) : rows.OrderBy(by)
                : descending ? ordered.ThenByDescending(by) : ordered.ThenBy(by);
        }
        rows = ordered!;
        if (lastKey is not null) rows = rows.Where(r => string.Compare(r[key]?.ToString(), lastKey, StringComparison.OrdinalIgnoreCase) > 0);

        var size = int.TryParse(this["PageSize"], out var s) ? Math.Clamp(s, 1, maxPageSize) : defaultPageSize;
        var page = lastKey is null && int.TryParse(this["PageNumber"], out var p) ? Math.Max(1, p) : 1;
        return (rows.Skip((page - 1) * size).Take(size).ToList(), null);
    }

    /// <summary>The requested columns (Fields), unqualified and upper case; null means all.</summary>
    public HashSet<string>? Columns()
    {
        var fields = this["Fields"];
        if (string.IsNullOrWhiteSpace(fields) || fields.Trim() == "*") return null;
        return fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Field).ToHashSet();
    }

    /// <summary>The first field named in filters, sorting or Fields that the table does not have, as AccountView
    /// says it.</summary>
    public string? UnknownField(CompanyProfile profile, string table)
    {
        var named =
            _params.Where(p =>
                p.Key.StartsWith("FilterControlSource", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value)
            .Concat((this["SortFields"] ?? "").Split(',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(Columns() ?? []);
        var unknown = named.Select(Field).FirstOrDefault(f => !FieldDictionary.Has(profile, table, f));
        return unknown is null ? null : $"Veld {table}.{unknown} bestaat niet.";
    }

    public static string Field(string qualified) => qualified[(qualified.LastIndexOf('.') + 1)..].Trim().ToUpperInvariant();

    private (Func<JsonObject, bool>? Filter, string? Error) Filter(int n)
    {
        var field = Field(this[$"FilterControlSource{n}"]!);
        var op = (this[$"FilterOperator{n}"] ?? "Equal").ToLowerInvariant();
        var type = (this[$"FilterValueType{n}"] ?? "C").ToUpperInvariant();
        var raw = this[$"FilterValue{n}"] ?? "";
        switch (type)
        {
            case "D" or "T":
                if (!TryParseDate(raw, out var date)) return (null, $"FilterValue{n} '{raw}' is not a date.");
                Func<JsonObject, DateTime?> value = r => TryParseDate(r[field]?.ToString() ?? "", out var d) ? d : null;
                return op switch
                {
                    "dateonorafterdate" or "greaterthanorequal" => (r => value(r) >= date, null),
                    "dateonorbeforedate" or "lessthanorequal" => (r => value(r) <= date, null),
                    "equal" => (r => value(r) == date, null),
                    _ => (null, $"FilterOperator{n} '{op}' does not apply to dates."),
                };
            case "N" or "I" or "Y" or "B":
                if (!decimal.TryParse(raw, CultureInfo.InvariantCulture, out var number)) return (null, $"FilterValue{n} '{raw}' is not a number.");
                Func<JsonObject, decimal?> num = r => decimal.TryParse(r[field]?.ToString(), CultureInfo.InvariantCulture, out var d) ? d : null;
                return op switch
                {
                    "equal" => (r => num(r) == number, null),
                    "notequal" => (r => num(r) != number, null),
                    "greaterthan" => (r => num(r) > number, null),
                    "lessthan" => (r => num(r) < number, null),
                    _ => (null, $"FilterOperator{n} '{op}' does not apply to numbers."),
                };
            default:
                Func<JsonObject, string> text = r => r[field]?.ToString()?.Trim() ?? "";
                return op switch
                {
                    "equal" => (r => string.Equals(text(r), raw.Trim(), StringComparison.OrdinalIgnoreCase), null),
                    "notequal" => (r => !string.Equals(text(r), raw.Trim(), StringComparison.OrdinalIgnoreCase), null),
                    "contains" => (r => text(r).Contains(raw, StringComparison.OrdinalIgnoreCase), null),
                    _ => (null, $"FilterOperator{n} '{op}' is not supported."),
                };
        }
    }

    /// <summary>VFP strict dates {^2024-05-01} / {^2024-05-01 10:00:00}, or plain ISO (§2.2).</summary>
    public static bool TryParseDate(string raw, out DateTime date)
    {
        var text = raw.Trim().TrimStart('{').TrimStart('^').TrimEnd('}').Trim();
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
    }

    private static IComparable? SortValue(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => node.Dec(),
        null => null,
        _ => node.ToString(),
    };
}
