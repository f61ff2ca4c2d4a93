namespace Relay.Simulators.AccountView;

/// <summary>One business object: the table it reads and writes, its detail table, key and rules.</summary>
public sealed record BusinessObject(
    string Code,
    string Description,
    string Table,
    string Key,
    string? DetailTable = null,
    string[]? Mandatory = null,
    string[]? DetailMandatory = null,
    bool InsertAllowed = true,
    bool GeneratedKey = false,
    CompanyProfile Needs = CompanyProfile.Standard);

/// <summary>
/// The business objects the simulator knows (accountview-api.md §3.1). Codes and tables for payment
/// conditions, payment methods and shipping methods are not public (§3.1 "Not found", §3.3): DC1/DISC_COND,
/// PM1/PAY_METH and SM1/SHIP_MTH are this simulator's choice, known only to an extended administration.
/// </summary>
public static class BusinessObjects
{
    public static readonly BusinessObject[] All =
    [
        // SUB_NR is mandatory in the dictionary but may be auto-numbered (§2.5): generated when absent.
        new("AR1", "Debiteuren", "CONTACT", "SUB_NR", Mandatory: ["ACCT_NAME", "SRC_CODE"], GeneratedKey: true),
        new("ADDR", "Afleveradressen", "DEL_ADDR", "REC_ID", Mandatory: ["SUB_NR"], GeneratedKey: true),
        new("AK1", "Artikelen", "ARTICLE", "ART_CODE", Mandatory: ["ART_CODE", "ART_DESC1"]),
        new("AG1", "Artikelgroepen", "ART_GRP", "AG_CODE", Mandatory: ["AG_CODE", "AG_DESC"]),
        // The order-number field of SO_HDR is unknown (§3.7); ORD_NR here.
        new("SO1", "Verkooporders", "SO_HDR", "ORD_NR", "SO_LINE", Mandatory: ["RPL_INV"],
            DetailMandatory: ["ART_CODE", "ORD_QTY"],
            GeneratedKey: true),
        new("DJ2", "Dagboekbladzijden", "DJ_PAGE", "INV_NR", "DJ_LINE", Mandatory: ["DJ_CODE", "HDR_DESC", "SUB_NR"],
            DetailMandatory: ["ACCT_NR", "AMOUNT"], GeneratedKey: true),
        new("VA1", "BTW-codes", "VAT", "VAT_CODE", InsertAllowed: false),
        new("GL1", "Grootboekrekeningen", "LEDGER", "ACCT_NR", InsertAllowed: false),
        new("DJ1", "Dagboeken", "DAILY", "DJ_CODE", InsertAllowed: false),
        new("DC1", "Betalingscondities", "DISC_COND", "DISC_CODE", InsertAllowed: false,
            Needs: CompanyProfile.Extended),
        new("PM1", "Betaalwijzen", "PAY_METH", "PAY_CODE", InsertAllowed: false, Needs: CompanyProfile.Extended),
        new("SM1", "Vervoersmethoden", "SHIP_MTH", "SHIP_MTH", InsertAllowed: false, Needs: CompanyProfile.Extended),
    ];

    /// <summary>The business objects an administration of this profile has.</summary>
    public static IEnumerable<BusinessObject> Of(CompanyProfile profile) =>
        All.Where(b => b.Needs == CompanyProfile.Standard || b.Needs == profile);

    public static BusinessObject? Find(string? code, CompanyProfile profile) =>
        Of(profile).FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.OrdinalIgnoreCase));
}
