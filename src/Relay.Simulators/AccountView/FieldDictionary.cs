using System.Text.Json.Nodes;

namespace Relay.Simulators.AccountView;

/// <summary>One field of the data dictionary (DCT_FLD, accountview-api.md §2.8 and Appendix A).</summary>
public sealed record FieldDef(string Name, string Type, int Length, bool Mandatory, bool UpperCase, string Description);

/// <summary>
/// Which fields each table of an administration has. The tables of Appendix A (CONTACT, VAT, LEDGER,
/// DJ_PAGE, DJ_LINE, DAILY) are the live dumps, verbatim. SO_HDR, SO_LINE, DEL_ADDR, ARTICLE and ART_GRP
/// have no public dump: they hold the fields the reference shows in use (§3.6–§3.8) and the simulator's
/// own keys (ORD_NR, LINE_NR). A <see cref="CompanyProfile.Extended"/> administration has more fields, as a
/// company with other modules or custom fields would.
/// </summary>
public static class FieldDictionary
{
    // Lazy: the tables below are static fields too, and must be set before the profiles are built from them.
    private static readonly
        Lazy<Dictionary<CompanyProfile, IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldDef>>>> Profiles =
        new(() => Enum.GetValues<CompanyProfile>().ToDictionary(p => p, Build));

    /// <summary>The tables of an administration of this profile, field by field (names upper case).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldDef>> For(CompanyProfile profile) =>
        Profiles.Value[profile];

    /// <summary>Whether the table has the field; a table without a dictionary (DCT_FLD itself) takes any.</summary>
    public static bool Has(CompanyProfile profile, string table, string field) =>
        !For(profile).TryGetValue(table, out var fields) || fields.ContainsKey(field);

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldDef>> Build(CompanyProfile profile)
    {
        var tables = LoadLive().ToDictionary(t => t.Key, t => t.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var (table, fields) in Assumed) tables[table] = [.. fields];
        if (profile == CompanyProfile.Extended)
            foreach (var (table, fields) in Extra)
                tables[table] = [.. tables.GetValueOrDefault(table) ?? [], .. fields];
        return tables.ToDictionary(t => t.Key,
            t => (IReadOnlyDictionary<string, FieldDef>)t.Value.ToDictionary(f => f.Name,
                StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
    }

    private static FieldDef C(string name, int length, string description, bool upper = true, bool mandatory = false) =>
        new(name, "C", length, mandatory, upper, description);

    private static FieldDef F(string name, string type, int length, string description) =>
        new(name, type, length, false, false, description);

    private static readonly FieldDef[] Changes =
        [F("CNG_DATE", "T", 8, "Wijzigingsdatum"), F("CNG_NR", "I", 4, "Wijzignummer"),
            F("INP_DATE", "T", 8, "Invoerdatum")];

    /// <summary>Fields seen in use (accountview-api.md §3.6–§3.8) for tables without a public dump.</summary>
    private static readonly Dictionary<string, FieldDef[]> Assumed = new()
    {
        ["SO_HDR"] =
        [
            C("ORD_NR", 10, "Verkoopordernummer (simulator: the order-number field is unknown, §3.7)"),
            F("INV_DATE", "T", 8, "Factuurdatum"), C("RPL_INV", 10, "Factuurdebiteur", mandatory: true),
                F("DEL_DATE", "T", 8, "Leverdatum"),
            F("COMMENT1", "M", 4, "Omschrijving verkooporder"), F("ORD_DATE", "T", 8, "Verkooporderdatum"),
                C("RPL_DEL", 10, "Verzenddebiteur"),
            C("TO_EMAIL", 50, "E-mail", upper: false), F("PD_AMT", "Y", 8, "Bedrag betalingskorting"),
                C("DEL_CODE", 10, "Afleveradres"),
            C("EMP_NR", 10, "Verkoper"), F("COMMENT2", "M", 4, "Externe notitie"),
                C("APX_LIST", 5, "Prijslijst"),
            // The order's state (simulator names: §3.7 has no status fields), changed through the control API.
            C("INV_NR", 10, "Factuurnummer (simulator)"), F("ORD_CANC", "L", 1, "Vervallen (simulator)"),
            C("TT_CODE", 40, "Track & trace-code (simulator)", upper: false),
                C("TT_CARRIER", 30, "Vervoerder (simulator)", upper: false),
            F("PAID_FLG", "L", 1, "Betaald (simulator)"), .. Changes,
        ],
        ["SO_LINE"] =
        [
            C("ORD_NR", 10, "Verkoopordernummer"), F("LINE_NR", "I", 4, "Regelnummer (simulator)"),
                F("DEL_DATE", "T", 8, "Leverdatum"),
            C("ART_CODE", 20, "Artikelcode", mandatory: true), F("ORD_QTY", "N", 13, "Aantal besteld"),
            F("ART_PX", "Y", 8, "Verkoopprijs per eenheid"), F("DEL_QTY", "N", 13, "Aantal geleverd (simulator)"),
                .. Changes,
        ],
        ["DEL_ADDR"] =
        [
            C("REC_ID", 10, "Unieke code"), C("SUB_NR", 10, "Debiteurnummer", mandatory: true),
                C("DEL_NAME", 40, "Naam", upper: false),
            C("ADDRESS1", 80, "Adres", upper: false), C("POST_CODE", 10, "Postcode"),
                C("CITY", 35, "Plaats", upper: false),
            C("CNT_CODE", 2, "ISO-landcode"), C("MAIL_BUS", 50, "E-mail", upper: false),
                C("TEL_BUS", 20, "Telefoon", upper: false), .. Changes,
        ],
        // §3.6: no dictionary found. EAN_CODE and VAT_CODE are the simulator's names for fields the reference lacks.
        ["ARTICLE"] =
        [
            C("ART_CODE", 20, "Artikelcode", mandatory: true),
                C("ART_DESC1", 40, "Omschrijving", upper: false, mandatory: true),
            C("AG_CODE", 10, "Artikelgroep"), F("PX_SELL", "Y", 8, "Verkoopprijs"), F("COST_PX", "Y", 8, "Kostprijs"),
            F("QTY_TECH", "N", 13, "Aantal technisch"),
                F("QTY_AVAIL", "N", 13, "Beschikbaar (voorraad minus verkoopreserveringen)"),
            F("QTY_FREE2", "N", 13, "Vrije voorraad"), F("QTY_BESTEL", "N", 13, "Besteld"),
                C("EAN_CODE", 20, "EAN-code"),
            C("VAT_CODE", 2, "BTW-code"), F("REC_BLK", "L", 1, "Geblokkeerd"), F("IMG_MEDIUM", "M", 4, "Afbeelding"),
            F("IMG_M_DATA", "M", 4, "Afbeelding (gegevens)"), .. Changes,
        ],
        ["ART_GRP"] = [C("AG_CODE", 10, "Artikelgroepcode", mandatory: true),
            C("AG_DESC", 40, "Omschrijving", upper: false), .. Changes],
    };

    /// <summary>What an extended administration has on top: order fields, a reservation field, custom fields, code
    /// lists.</summary>
    private static readonly Dictionary<string, FieldDef[]> Extra = new()
    {
        ["SO_HDR"] = [C("PAY_TYPE", 25, "Betaalwijze"), C("DISC_CODE", 2, "Betalingsconditie"),
            C("SHIP_MTH", 10, "Vervoersmethode"),
            F("GROSS_FLG", "L", 1, "Prijzen incl. BTW")],
        ["SO_LINE"] = [C("VAT_CODE", 2, "BTW-code"), C("ACCT_NR", 10, "Omzetrekening")],
        // Here QTY_AVAIL is what is on the shelf, and the reservations are a field of their own.
        ["ARTICLE"] = [F("QTY_RES", "N", 13, "Gereserveerd voor verkooporders"),
            C("K1_ORIGIN", 2, "Land van herkomst (vrij veld)"),
            C("K1_DELIVERY", 40, "Levertijd (vrij veld)", upper: false)],
        ["DISC_COND"] =
            [C("DISC_CODE", 2, "Code betalingsconditie"), C("DISC_DESC", 40, "Omschrijving", upper: false),
                F("CRED_DAYS", "N", 3, "Dagen")],
        ["PAY_METH"] = [C("PAY_CODE", 25, "Betaalwijze"), C("PAY_DESC", 40, "Omschrijving", upper: false)],
        ["SHIP_MTH"] = [C("SHIP_MTH", 10, "Vervoersmethode"), C("SHIP_DESC", 40, "Omschrijving", upper: false)],
    };

    private static IReadOnlyDictionary<string, IReadOnlyList<FieldDef>> LoadLive()
    {
        using var stream =
            typeof(FieldDictionary).Assembly.GetManifestResourceStream("Relay.Simulators.AccountView.live-fields.json")
                           ?? throw new InvalidOperationException("The embedded data dictionary is missing.");
        var tables = JsonNode.Parse(stream)!["tables"]!.AsObject();
        return tables.ToDictionary(t => t.Key, t =>
            (IReadOnlyList<FieldDef>)t.Value!.AsArray().Select(f => new FieldDef(
            f!["FIELD_NAME"]!.GetValue<string>(), f["FIELD_TYPE"]!.GetValue<string>(), f["FIELD_LEN"]!.GetValue<int>(),
            f["INP_MAND"]!.GetValue<bool>(), f["FLD_FMT"]!.GetValue<string>() == "!",
                f["FLD_DESC"]!.GetValue<string>())).ToList(),
            StringComparer.OrdinalIgnoreCase);
    }
}
