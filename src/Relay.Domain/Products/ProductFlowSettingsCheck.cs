using System.Text.RegularExpressions;

namespace Relay.Domain.Products;

/// <summary>What makes product settings unusable, per field (JSON names), before they are stored.</summary>
public static partial class ProductFlowSettingsCheck
{
    public static IReadOnlyDictionary<string, string[]> Problems(ProductFlowSettings s)
    {
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string reason) => problems[field] = [.. problems.GetValueOrDefault(field) ?? [], reason];

        if (!Enum.IsDefined(s.Master)) Add("master", "AccountView or Shop.");
        if (s.PollSeconds is < 30 or > 86_400) Add("pollSeconds", "Between 30 seconds and a day.");
        if (s.ReconciliationHours is < 1 or > 720) Add("reconciliationHours", "Between 1 and 720 hours.");
        if (s.Updates is null) Add("updates", "Required.");
        if (s.Variants is null) Add("variants", "Required.");
        else if (VariantScheme.Problem(s.Variants.Pattern) is { } pattern) Add("variants.pattern", pattern);
        for (var i = 0; i < (s.Filters?.Count ?? 0); i++)
        {
            var rule = s.Filters![i];
            if (rule is null) { Add($"filters[{i}]", "A rule, not null."); continue; }
            if (string.IsNullOrWhiteSpace(rule.Field)) Add($"filters[{i}].field", "Name the field the rule looks at.");
            if (!Enum.IsDefined(rule.Operator)) Add($"filters[{i}].operator", "Equals, NotEquals, NotEmpty, Empty or OneOf.");
            if (rule.Operator is FilterOperator.Equals or FilterOperator.NotEquals or FilterOperator.OneOf && string.IsNullOrWhiteSpace(rule.Value))
                Add($"filters[{i}].value", $"{rule.Operator} needs a value.");
        }
        if (s.TaxTariffs is null || s.TaxTariffs.Count == 0) Add("taxTariffs", "At least one row: VAT code, rate and tax tariff.");
        else
            for (var i = 0; i < s.TaxTariffs.Count; i++)
            {
                var row = s.TaxTariffs[i];
                if (row is null) { Add($"taxTariffs[{i}]", "A row, not null."); continue; }
                if (string.IsNullOrWhiteSpace(row.VatCode)) Add($"taxTariffs[{i}].vatCode", "Required.");
                if (string.IsNullOrWhiteSpace(row.Tariff)) Add($"taxTariffs[{i}].tariff", "Required.");
                if (row.Rate is < 0 or > 100) Add($"taxTariffs[{i}].rate", "A percentage between 0 and 100.");
            }
        if (s.PackageId is <= 0) Add("packageId", "A CCV package id (GET /packages), or null.");
        if (s.Fields is null) Add("fields", "Required.");
        else
            foreach (var (name, value) in new[] { ("ean", s.Fields.Ean), ("vatCode", s.Fields.VatCode), ("blocked", s.Fields.Blocked),
                         ("longDescription", s.Fields.LongDescription), ("imageData", s.Fields.ImageData), ("imageName", s.Fields.ImageName) })
                if (!string.IsNullOrEmpty(value) && !FieldName().IsMatch(value)) Add($"fields.{name}", "An AccountView field name, such as EAN_CODE, or empty.");
        return problems;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,30}$")]
    private static partial Regex FieldName();
}
