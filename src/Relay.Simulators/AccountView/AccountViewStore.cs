using System.Globalization;
using System.Text.Json.Nodes;

namespace Relay.Simulators.AccountView;

/// <summary>
/// One administration per company: tables of rows keyed by upper-case field names. Callers take
/// <see cref="Gate"/> around every read and write.
/// </summary>
public sealed class AccountViewStore
{
    private readonly Dictionary<string, Dictionary<string, List<JsonObject>>> _companies = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence = 20000;

    public Lock Gate { get; } = new();

    public bool HasCompany(string company) => _companies.ContainsKey(company);

    public List<JsonObject> Table(string company, string table)
    {
        if (!_companies.TryGetValue(company, out var tables)) _companies[company] = tables = new(StringComparer.OrdinalIgnoreCase);
        if (!tables.TryGetValue(table, out var rows)) tables[table] = rows = [];
        return rows;
    }

    public JsonObject? Find(string company, string table, string field, string value) =>
        Table(company, table).FirstOrDefault(r => string.Equals(r[field]?.ToString(), value, StringComparison.OrdinalIgnoreCase));

    public string NextNumber() => (++_sequence).ToString(CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Stock semantics (an assumption, accountview-api.md §4.1): QTY_TECH is on the shelf, QTY_FREE2 is free
    /// (on the shelf minus what open sales-order lines reserve). In a standard administration QTY_AVAIL already
    /// nets out the reservations (APIcenter sends it as "available minus sales reservations", S11); an extended
    /// one shows the shelf in QTY_AVAIL and the reservations in QTY_RES. QTY_RES is kept either way, shown only
    /// where the dictionary has it. CNG_DATE moves whenever any of them changes.
    /// </summary>
    public static void SetStock(JsonObject article, decimal onShelf, decimal reserved, DateTimeOffset at,
        CompanyProfile profile)
    {
        article["QTY_TECH"] = onShelf;
        article["QTY_RES"] = reserved;
        article["QTY_AVAIL"] = profile == CompanyProfile.Extended ? onShelf : onShelf - reserved;
        article["QTY_FREE2"] = onShelf - reserved;
        article["CNG_DATE"] = Timestamp(at);
    }

    public JsonObject Dump() => new(_companies.Select(c => KeyValuePair.Create<string, JsonNode?>(c.Key,
        new JsonObject(c.Value.Select(t => KeyValuePair.Create<string, JsonNode?>(t.Key,
            new JsonArray(t.Value.Select(r => (JsonNode)r.DeepClone()).ToArray())))))));

    public void Load(JsonObject dump)
    {
        _companies.Clear();
        foreach (var (company, tables) in dump)
            foreach (var (table, rows) in tables!.AsObject())
                Table(company, table).AddRange(rows!.AsArray().OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()));
    }
}
