using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Relay.Simulators.AccountView;

public static class AccountViewResults
{
    /// <summary>The error body of §2.6, with the configurable status (the real one is unknown).</summary>
    public static IResult Error(int status, string message, string type = "AccountViewError") =>
        Json(status, new JsonObject { ["ErrorType"] = type, ["ErrorNumbers"] = null, ["ErrorMessage"] = message });

    public static IResult Json(int status, JsonNode body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    /// <summary>
    /// Rows as the API shows them: with the technical EXT_KEY and TABLE_Id keys (§2.3), only the asked fields, and only
    /// fields the administration's table has (the simulator keeps some bookkeeping of its own, such as reservations).
    /// </summary>
    public static JsonArray Show(IEnumerable<JsonObject> rows, string table, HashSet<string>? columns,
        CompanyProfile profile) =>
        new(rows.Select(row =>
        {
            var shown = new JsonObject();
            foreach (var (name, value) in row)
                if ((columns is null || columns.Contains(name))
                    && FieldDictionary.Has(profile, table, name)) shown[name] = value?.DeepClone();
            shown["EXT_KEY"] = 0;
            shown[$"{table}_Id"] = 0;
            return (JsonNode)shown;
        }).ToArray());
}
