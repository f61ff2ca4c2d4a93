using System.Text.RegularExpressions;

namespace Relay.Domain.Stock;

/// <summary>What makes stock settings unusable, per field (JSON names), before they are stored.</summary>
public static partial class StockFlowSettingsCheck
{
    public static IReadOnlyDictionary<string, string[]> Problems(StockFlowSettings s)
    {
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string reason) => problems[field] = [.. problems.GetValueOrDefault(field) ?? [], reason];

        if (s.PollSeconds is < 10 or > 86_400) Add("pollSeconds", "Between 10 seconds and a day.");
        if (s.FullScanHours is < 1 or > 168) Add("fullScanHours", "Between 1 and 168 hours.");
        if (s.OverlapSeconds is < 0 or > 3_600) Add("overlapSeconds", "Between 0 and 3600 seconds.");
        if (!Enum.IsDefined(s.Formula)) Add("formula", "Unknown formula.");
        if (s.SafetyBuffer < 0) Add("safetyBuffer", "Zero or more.");
        if (s.Fields is null) Add("fields", "Required.");
        else
        {
            foreach (var (name, value) in new[] { ("physical", s.Fields.Physical),
                ("available", s.Fields.Available), ("free", s.Fields.Free) })
                if (string.IsNullOrWhiteSpace(value) || !FieldName().IsMatch(value)) Add($"fields.{name}", "An AccountView field name, such as QTY_TECH.");
            if (s.Fields.Reserved is { Length: > 0 } reserved && !FieldName().IsMatch(reserved))
                Add("fields.reserved",
                    "An AccountView field name, or none when the available figure already nets out reservations.");
        }
        return problems;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,30}$")]
    private static partial Regex FieldName();
}
