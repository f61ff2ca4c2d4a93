using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relay.Simulators.AccountView;

/// <summary>
/// The POST/PUT envelope (accountview-api.md §2.4): Table/TableData with positional values, RowId and
/// HeaderId linking. Property names in any case; values coerced to the declared FieldType (§2.4, §8).
/// </summary>
/// <param name="Id">The top-level "id" of an update (S4 sends the debtor number, §2.1).</param>
public sealed record AccountViewEnvelope(string BusinessObject, string Table, List<EnvelopeRow> Rows,
    string? DetailTable, string? Id)
{
    public static (AccountViewEnvelope? Envelope, string? Error) Parse(string body)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return (null, "The body is not a JSON object.");
        }
        var bo = Prop(root, "BusinessObject")?.ToString();
        if (string.IsNullOrEmpty(bo)) return (null, "BusinessObject is required.");
        var table = Prop(root, "Table") as JsonObject;
        var data = Prop(root, "TableData") as JsonObject;
        var definition = table is null ? null : Prop(table, "Definition") as JsonObject;
        if (definition is null || data is null) return (null, "Table.Definition and TableData are required.");

        var (headerName, headerFields, error) = Definition(definition);
        if (error is not null) return (null, error);
        var headerRows = Prop(Prop(data, "Data") as JsonObject, "Rows") as JsonArray ?? [];
        var rows = new List<EnvelopeRow>();
        foreach (var rowNode in headerRows)
        {
            var (values, rowError) = Values(rowNode as JsonObject, headerFields!);
            if (rowError is not null) return (null, rowError);
            rows.Add(new EnvelopeRow(values!["ROWID"]?.ToString() ?? "", values, []));
        }
        if (rows.Count == 0) return (null, "TableData.Data.Rows is empty.");

        string? detailName = null;
        if (Prop(table!, "DetailDefinitions") is JsonArray { Count: > 0 } details)
        {
            var (name, fields, detailError) = Definition(details[0]!.AsObject());
            if (detailError is not null) return (null, detailError);
            detailName = name;
            var detailRows = Prop(Prop(data, "DetailData") is JsonArray { Count: > 0 } dd ? dd[0] as JsonObject : null, "Rows") as JsonArray ?? [];
            foreach (var rowNode in detailRows)
            {
                var (values, rowError) = Values(rowNode as JsonObject, fields!);
                if (rowError is not null) return (null, rowError);
                var header = rows.FirstOrDefault(r => r.RowId == values!["HEADERID"]?.ToString());
                if (header is null) return (null, $"Detail row {values!["ROWID"]} has HeaderId {values["HEADERID"]}, which is no header's RowId.");
                header.Details.Add(values!);
            }
        }
        return (new AccountViewEnvelope(bo, headerName!, rows, detailName, Prop(root, "id")?.ToString()), null);
    }

    private static (string? Name, List<(string Name, string Type)>? Fields, string? Error) Definition(JsonObject definition)
    {
        var name = Prop(definition, "Name")?.ToString();
        if (string.IsNullOrEmpty(name)) return (null, null, "A definition has no Name.");
        var fields = (Prop(definition, "Fields") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(f => (Name: (Prop(f, "Name")?.ToString() ?? "").ToUpperInvariant(), Type: (Prop(f, "FieldType")?.ToString() ?? "C").ToUpperInvariant()))
            .ToList();
        if (fields.Count == 0 || fields.Any(f => f.Name.Length == 0)) return (null, null, $"Definition {name} has no or unnamed fields.");
        return (name.ToUpperInvariant(), fields, null);
    }

    private static (JsonObject? Values, string? Error) Values(JsonObject? row, List<(string Name, string Type)> fields)
    {
        if (row is null || Prop(row, "Values") is not JsonArray values) return (null, "A row has no Values.");
        if (values.Count != fields.Count) return (null, $"A row has {values.Count} values for {fields.Count} fields.");
        var result = new JsonObject();
        for (var i = 0; i < fields.Count; i++)
        {
            var (coerced, error) = Coerce(values[i], fields[i].Type, fields[i].Name);
            if (error is not null) return (null, error);
            result[fields[i].Name] = coerced;
        }
        return (result, null);
    }

    private static (JsonNode? Value, string? Error) Coerce(JsonNode? value, string type, string field)
    {
        if (value is null) return (null, null);
        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        switch (type)
        {
            case "N" or "Y" or "B" or "I":
                if (text.Length == 0) return (0, null);
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? (type == "I" ? (int)d : d, null)
                    : (null, $"Field {field} ({type}) cannot hold '{text}'.");
            case "L":
                return text.ToLowerInvariant() switch
                {
                    "true" or "1" or ".t." => (true, null),
                    "false" or "0" or ".f." or "" => (false, null),
                    _ => (null, $"Field {field} (L) cannot hold '{text}'."),
                };
            case "D" or "T":
                if (text.Length == 0) return ("", null);
                return AccountViewQuery.TryParseDate(text, out var at)
                    ? (at.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), null)
                    : (null, $"Field {field} ({type}) cannot hold '{text}'.");
            default:
                return (text, null);
        }
    }

    /// <summary>A property by name in any case (the server is JSON.NET-lenient, §2.4).</summary>
    public static JsonNode? Prop(JsonObject? obj, string name) =>
        obj?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

public sealed record EnvelopeRow(string RowId, JsonObject Values, List<JsonObject> Details);
