using System.Text.Json.Nodes;

namespace Relay.Api.Clients.AccountView;

/// <summary>
/// Builds the POST/PUT envelope (§2.4) from ordered fields, so definitions and positional values can
/// never drift apart. One header row (RowId 1), detail rows linked with HeaderId 1.
/// </summary>
public static class AccountViewEnvelopeBuilder
{
    /// <param name="id">The top-level "id" of an update: the key of the row it changes (S4's AR1 PUT, §2.1).</param>
    public static JsonObject Build(string businessObject, string table, IReadOnlyList<AvField> header, DateTimeOffset bookDate,
        string? detailTable = null, IReadOnlyList<IReadOnlyList<AvField>>? lines = null, string? id = null)
    {
        var headerFields = header.Prepend(new AvField("RowId", "1")).ToList();
        var envelope = new JsonObject
        {
            ["BookDate"] = bookDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["BusinessObject"] = businessObject,
            ["Table"] = new JsonObject { ["Definition"] = Definition(table, headerFields) },
            ["TableData"] = new JsonObject { ["Data"] = Rows([headerFields]) },
        };
        if (id is not null) envelope["id"] = id;
        if (detailTable is not null && lines is { Count: > 0 })
        {
            var detailRows = lines.Select((line, i) => (IReadOnlyList<AvField>)line
                .Prepend(new AvField("HeaderId", "1")).Prepend(new AvField("RowId", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList()).ToList();
            if (detailRows.Select(r => string.Join(',', r.Select(f => f.Name))).Distinct().Count() != 1)
                throw new ArgumentException("Every line must have the same fields in the same order.");
            envelope["Table"]!["DetailDefinitions"] = new JsonArray(Definition(detailTable, detailRows[0]));
            envelope["TableData"]!["DetailData"] = new JsonArray(Rows(detailRows));
        }
        return envelope;
    }

    private static JsonObject Definition(string table, IReadOnlyList<AvField> fields) => new()
    {
        ["Name"] = table,
        ["Fields"] = new JsonArray(fields.Select(f => (JsonNode)new JsonObject { ["Name"] = f.Name, ["FieldType"] = f.Type }).ToArray()),
    };

    private static JsonObject Rows(IEnumerable<IReadOnlyList<AvField>> rows) => new()
    {
        ["Rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
        {
            ["Values"] = new JsonArray(r.Select(f => f.Value switch
            {
                null => null,
                decimal d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                var other => (JsonNode?)JsonValue.Create(other.ToString()),
            }).ToArray()),
        }).ToArray()),
    };
}
