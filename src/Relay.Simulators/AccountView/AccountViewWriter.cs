using System.Text.Json.Nodes;

namespace Relay.Simulators.AccountView;

/// <summary>
/// Inserts (POST) and updates (PUT) from an envelope, with the checks the real administration makes:
/// insert rights, fields the table has (from the company's dictionary), mandatory fields, lengths, unique
/// keys, existing references. The update mechanism is not documented (§6, §7.4): PUT here updates the row
/// named by the top-level "id" the one working source sends (S4, §2.1), which must match the row's key.
/// </summary>
public static class AccountViewWriter
{
    public static (JsonObject? Answer, string? Error) Insert(AccountViewStore store, Company company,
        AccountViewEnvelope envelope,
        DateTimeOffset now)
    {
        var (bo, error) = Check(envelope, company.Profile);
        if (error is not null) return (null, error);
        var answer = new JsonObject { [bo!.Table] = new JsonArray() };
        if (bo.DetailTable is not null) answer[bo.DetailTable] = new JsonArray();

        // Validate every row before writing any: an insert is all or nothing.
        foreach (var row in envelope.Rows)
        {
            if (Validate(store, company, bo, bo.Table, row.Values, bo.Mandatory ?? [],
                isInsert: true) is { } invalid) return (null, invalid);
            foreach (var detail in row.Details)
                if (ValidateDetail(store, company, bo, detail) is { } invalidDetail) return (null, invalidDetail);
        }
        foreach (var row in envelope.Rows)
        {
            var stored = Stored(row.Values, company.Profile, bo.Table, now);
            if (bo.GeneratedKey && string.IsNullOrWhiteSpace(stored[bo.Key]?.ToString())) stored[bo.Key] = store.NextNumber();
            store.Table(company.Id, bo.Table).Add(stored);
            answer[bo.Table]!.AsArray().Add(stored.DeepClone());
            var lineNr = 0;
            foreach (var detail in row.Details)
            {
                var line = Stored(detail, company.Profile, bo.DetailTable!, now);
                line[bo.Key] = stored[bo.Key]!.DeepClone();
                line["LINE_NR"] = ++lineNr;
                store.Table(company.Id, bo.DetailTable!).Add(line);
                answer[bo.DetailTable!]!.AsArray().Add(line.DeepClone());
                if (bo.Code == "SO1") Reserve(store, company, line, now);
            }
        }
        return (answer, null);
    }

    public static (JsonObject? Answer, string? Error) Update(AccountViewStore store, Company company,
        AccountViewEnvelope envelope,
        DateTimeOffset now)
    {
        var (bo, error) = Check(envelope, company.Profile);
        if (error is not null) return (null, error);
        if (string.IsNullOrWhiteSpace(envelope.Id))
            return (null, $"Een wijziging van {bo!.Table} vraagt een id (de sleutel {bo.Key}).");
        var targets = new List<(JsonObject Existing, JsonObject Values)>();
        foreach (var row in envelope.Rows)
        {
            var key = row.Values[bo!.Key]?.ToString();
            if (string.IsNullOrWhiteSpace(key)) return (null, $"An update of {bo.Table} needs {bo.Key} to say which row.");
            if (!string.Equals(key, envelope.Id, StringComparison.OrdinalIgnoreCase))
                return (null, $"Het id {envelope.Id} hoort niet bij {bo.Table} {key}.");
            var existing = store.Find(company.Id, bo.Table, bo.Key, key);
            if (existing is null) return (null, $"{bo.Table} {key} bestaat niet.");
            if (Validate(store, company, bo, bo.Table, row.Values, [], isInsert: false) is { } invalid)
                return (null, invalid);
            targets.Add((existing, row.Values));
        }
        var answer = new JsonObject { [bo!.Table] = new JsonArray() };
        foreach (var (existing, values) in targets)
        {
            foreach (var (name, value) in Stored(values, company.Profile, bo.Table, now))
                if (name is not "INP_DATE") existing[name] = value?.DeepClone();
            answer[bo.Table]!.AsArray().Add(existing.DeepClone());
        }
        return (answer, null);
    }

    private static (BusinessObject? Bo, string? Error) Check(AccountViewEnvelope envelope, CompanyProfile profile)
    {
        var bo = BusinessObjects.Find(envelope.BusinessObject, profile);
        if (bo is null) return (null, $"Business object {envelope.BusinessObject} is onbekend.");
        if (!bo.InsertAllowed) return (null, $"Business object {bo.Code} cannot be changed through the Web API.");
        if (!string.Equals(envelope.Table, bo.Table, StringComparison.OrdinalIgnoreCase))
            return (null, $"Business object {bo.Code} writes table {bo.Table}, not {envelope.Table}.");
        if (envelope.DetailTable is not null && !string.Equals(envelope.DetailTable, bo.DetailTable, StringComparison.OrdinalIgnoreCase))
            return (null, $"Business object {bo.Code} has no detail table {envelope.DetailTable}.");
        return (bo, null);
    }

    private static string? Validate(AccountViewStore store, Company company, BusinessObject bo, string table,
        JsonObject values,
        string[] mandatory, bool isInsert)
    {
        if (Fields(company.Profile, table, values) is { } unknown) return unknown;
        foreach (var field in mandatory)
            if (string.IsNullOrWhiteSpace(values[field]?.ToString())) return $"Veld {field} is verplicht ({table}).";
        var key = values[bo.Key]?.ToString();
        if (isInsert && !string.IsNullOrWhiteSpace(key) && store.Find(company.Id, bo.Table, bo.Key, key) is not null)
            return $"{bo.Table} {key} bestaat al.";
        bool Missing(string t, string field, string? value) => store.Find(company.Id, t, field, value ?? "") is null;
        return bo.Code switch
        {
            "ADDR" or "DJ2" when Missing("CONTACT", "SUB_NR", values["SUB_NR"]?.ToString()) =>
                $"Debiteur {values["SUB_NR"]} bestaat niet.",
            "SO1" when Missing("CONTACT", "SUB_NR", values["RPL_INV"]?.ToString()) =>
                $"Debiteur {values["RPL_INV"]} bestaat niet.",
            "AK1" when values["AG_CODE"] is { } group && Missing("ART_GRP", "AG_CODE", group.ToString()) =>
                $"Artikelgroep {group} bestaat niet.",
            _ => null,
        };
    }

    /// <summary>A field the table does not have, or a value longer than the field, as AccountView refuses
    /// them.</summary>
    private static string? Fields(CompanyProfile profile, string table, JsonObject values)
    {
        var dictionary = FieldDictionary.For(profile).GetValueOrDefault(table);
        if (dictionary is null) return null;
        foreach (var (name, value) in values)
        {
            if (name is "ROWID" or "HEADERID") continue;
            if (!dictionary.TryGetValue(name, out var field)) return $"Veld {table}.{name} bestaat niet.";
            if (field.Type == "C" && value?.ToString() is { } text && text.Length > field.Length)
                return $"Veld {table}.{name} is langer dan {field.Length} tekens.";
        }
        return null;
    }

    private static string? ValidateDetail(AccountViewStore store, Company company, BusinessObject bo, JsonObject line)
    {
        if (Fields(company.Profile, bo.DetailTable!, line) is { } unknown) return unknown;
        foreach (var field in bo.DetailMandatory ?? [])
            if (string.IsNullOrWhiteSpace(line[field]?.ToString())) return $"Veld {field} is verplicht ({bo.DetailTable}).";
        if (bo.Code == "SO1" && store.Find(company.Id, "ARTICLE", "ART_CODE", line["ART_CODE"]!.ToString()) is null)
            return $"Artikel {line["ART_CODE"]} bestaat niet.";
        if (bo.Code == "DJ2" && store.Find(company.Id, "LEDGER", "ACCT_NR", line["ACCT_NR"]!.ToString()) is null)
            return $"Grootboekrekening {line["ACCT_NR"]} bestaat niet.";
        if (line["VAT_CODE"] is { } vat && vat.ToString().Length > 0
            && store.Find(company.Id, "VAT", "VAT_CODE", vat.ToString()) is null)
            return $"BTW-code {vat} bestaat niet.";
        return null;
    }

    /// <summary>Open sales-order lines reserve stock (the stock semantics of <see cref="AccountViewStore.SetStock"/>).</summary>
    private static void Reserve(AccountViewStore store, Company company, JsonObject line, DateTimeOffset now)
    {
        var article = store.Find(company.Id, "ARTICLE", "ART_CODE", line["ART_CODE"]!.ToString())!;
        var reserved = (article["QTY_RES"]?.Dec() ?? 0) + line["ORD_QTY"].Dec();
        AccountViewStore.SetStock(article, article["QTY_TECH"]?.Dec() ?? 0, reserved, now, company.Profile);
    }

    /// <summary>Values as stored: "!"-format fields upper case (Appendix A), change dates kept by the server.</summary>
    private static JsonObject Stored(JsonObject values, CompanyProfile profile, string table, DateTimeOffset now)
    {
        var stored = new JsonObject();
        var dictionary = FieldDictionary.For(profile).GetValueOrDefault(table);
        foreach (var (name, value) in values)
        {
            if (name is "ROWID" or "HEADERID" or "CNG_DATE" or "CNG_NR" or "INP_DATE") continue; // server-maintained
            var upper = dictionary?.GetValueOrDefault(name)?.UpperCase == true;
            stored[name] = upper && value is not null ? value.ToString().ToUpperInvariant() : value?.DeepClone();
        }
        stored["CNG_DATE"] = AccountViewStore.Timestamp(now);
        stored["INP_DATE"] = AccountViewStore.Timestamp(now);
        return stored;
    }
}
