using System.Globalization;
using System.Text.Json.Nodes;
using Relay.Domain.Mapping;

namespace Relay.Api.Clients.AccountView;

/// <summary>The administration's data dictionary (accountview-api.md §2.1, §3.1, Example 9).</summary>
public sealed partial class AccountViewClient
{
    /// <summary>The tables Relay writes, and ARTICLE, whose fields the stock formula reads.</summary>
    public static readonly string[] DictionaryTables = ["CONTACT", "DEL_ADDR", "SO_HDR", "SO_LINE", "DJ_PAGE",
        "DJ_LINE", "ARTICLE", "ART_GRP"];

    /// <summary>
    /// The business objects and, per table, the fields the administration has. A table AccountView gives no fields
    /// for is
    /// left out (not known), so writes to it keep to the evidenced fields. The business-object list is optional: some
    /// administrations may not answer it, and then every object is taken to exist.
    /// </summary>
    public async Task<AdministrationFields> ReadDictionaryAsync(AccountViewAccess access,
        IReadOnlyList<string> tables, CancellationToken ct)
    {
        var objects = ReadBusinessObjectCodesAsync(access, ct);
        var fields = await Task.WhenAll(tables.Select(t => ReadTableFieldsAsync(access, t, ct)));
        var known = tables.Zip(fields).Where(t => t.Second.Count > 0)
            .ToDictionary(t => t.First, t => (IReadOnlyList<FieldSpec>)t.Second, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string>? codes;
        try
        {
            codes = await objects;
        }
        catch (AccountViewException e) when (e.IsPermanent)
        {
            codes = null;
        }
        return new AdministrationFields(known, codes);
    }

    private async Task<IReadOnlyList<string>> ReadBusinessObjectCodesAsync(AccountViewAccess access,
        CancellationToken ct)
    {
        using var response =
            await CallAsync(access, HttpMethod.Get, $"{access.ApiBase}/accountviewsystembusinessobjects", null, ct);
        var list = await response.Content.ReadFromJsonAsync<JsonArray>(ct) ?? [];
        return list.OfType<JsonObject>().Select(o => EnvelopeValue(o, "Code")).Where(c => c.Length > 0).ToList();
    }

    /// <summary>DCT_FLD rows of one table, every page; Contains as in the verbatim call, then the exact table
    /// kept.</summary>
    private async Task<List<FieldSpec>> ReadTableFieldsAsync(AccountViewAccess access, string table,
        CancellationToken ct)
    {
        const int pageSize = 256;
        var fields = new List<FieldSpec>();
        for (var page = 1; ; page++)
        {
            var url = $"{access.ApiBase}/accountviewsystemdata?businessobject=fld&pagesize={pageSize}&PageNumber={page}"
                      + "&fields=dct_fld.FLD_DESC,dct_fld.FIELD_NAME,dct_fld.DBF_NAME,dct_fld.FIELD_LEN,"
                      + "dct_fld.FIELD_TYPE,dct_fld.INP_MAND,dct_fld.FLD_FMT"
                      + "&FilterControlSource1=DBF_NAME&FilterOperator1=Contains"
                      + $"&FilterValue1={Uri.EscapeDataString(table)}&FilterValueType1=C";
            using var response = await CallAsync(access, HttpMethod.Get, url, null, ct, notFoundIsEmpty: true);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return fields;
            var rows = (await TablesAsync(response, ct)).GetValueOrDefault("DCT_FLD") ?? [];
            fields.AddRange(rows.Where(r =>
                string.Equals(r["DBF_NAME"]?.Trim(), table, StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(r["FIELD_NAME"])).Select(r => new FieldSpec(
                r["FIELD_NAME"]!.Trim().ToUpperInvariant(), (r["FIELD_TYPE"] ?? "C").Trim().ToUpperInvariant(),
                int.TryParse(r["FIELD_LEN"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var length)
                    ? length : 0,
                string.Equals(r["INP_MAND"], "true", StringComparison.OrdinalIgnoreCase), r["FLD_DESC"] ?? "",
                (r["FLD_FMT"] ?? "").Contains('!'))));
            if (rows.Count < pageSize) return fields;
        }
    }

    private static string EnvelopeValue(JsonObject o, string name) =>
        o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString() ?? "";
}
