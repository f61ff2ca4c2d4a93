using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Relay.Simulators.AccountView;

/// <summary>
/// The administration's data dictionary (accountview-api.md §2.1, §3.1, Example 9): the business objects
/// with their rights, and accountviewsystemdata with businessobject=fld (DCT_FLD rows, one per field) or
/// dbf (DCT_FILE rows, one per table), filtered and paged like accountviewdata.
/// </summary>
public static class AccountViewSystemData
{
    public static IResult BusinessObjectList(Company company) =>
        AccountViewResults.Json(200,
            new JsonArray(BusinessObjects.Of(company.Profile).Select(b => (JsonNode)new JsonObject
        {
            ["Code"] = b.Code, ["Description"] = b.Description, ["InsertAllowed"] = b.InsertAllowed,
            ["UpdateAllowed"] = b.InsertAllowed, ["DeleteAllowed"] = false,
        }).ToArray()));

    public static IResult Read(HttpContext http, AccountViewSimulator sim, Company company)
    {
        var query = new AccountViewQuery(http.Request.Query);
        var (table, key, rows) = query["BusinessObject"]?.ToUpperInvariant() switch
        {
            "FLD" => ("DCT_FLD", "DCT_FLD_Id", Fields(company.Profile)),
            "DBF" => ("DCT_FILE", "DCT_FILE_Id", Files(company.Profile)),
            _ => (null, "", []),
        };
        if (table is null) return AccountViewApi.UnknownObject(sim, query["BusinessObject"]);
        var (page, error) = query.Apply(rows, key, sim.Options.DefaultPageSize, sim.Options.MaxPageSize);
        if (page is null) return AccountViewResults.Error(sim.Options.ErrorStatus, error!);
        var columns = query.Columns();
        var shown =
            page.Select(r => columns is null ? r
                : new JsonObject(r.Where(p => columns.Contains(p.Key.ToUpperInvariant()))
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
        return AccountViewResults.Json(200,
            new JsonObject { [table] = new JsonArray(shown.Select(r => (JsonNode)r).ToArray()) });
    }

    /// <summary>DCT_FLD rows as Example 9 shows them.</summary>
    private static List<JsonObject> Fields(CompanyProfile profile)
    {
        var id = 0;
        return FieldDictionary.For(profile).OrderBy(t => t.Key, StringComparer.Ordinal)
            .SelectMany(t => t.Value.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => new JsonObject
            {
                ["FLD_DESC"] = f.Description, ["FIELD_NAME"] = f.Name, ["DBF_NAME"] = t.Key, ["FIELD_LEN"] = f.Length,
                ["FIELD_TYPE"] = f.Type, ["INP_MAND"] = f.Mandatory, ["FLD_FMT"] = f.UpperCase ? "!" : "",
                    ["FLD_MASK"] = "",
                ["COM_BLK"] = f.Name is "CNG_DATE" or "CNG_NR" or "INP_DATE", ["DCT_FLD_Id"] = ++id,
            }))
            .ToList();
    }

    /// <summary>DCT_FILE rows: the table of each business object (§3.1: OBJ_CODE, DBF_NAME, TBL_CHILD).</summary>
    private static List<JsonObject> Files(CompanyProfile profile)
    {
        var id = 0;
        return BusinessObjects.Of(profile).Select(b => new JsonObject
        {
            ["DBF_NAME"] = b.Table, ["DBF_DESC"] = b.Description, ["OBJ_CODE"] = b.Code, ["TBL_CHILD"] =
                b.DetailTable ?? "",
            ["DBF_TYPE"] = 2, ["DCT_FILE_Id"] = ++id,
        }).ToList();
    }
}
