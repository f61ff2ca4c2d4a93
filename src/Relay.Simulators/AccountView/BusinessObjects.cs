namespace Relay.Simulators.AccountView;

/// <summary>One business object: the table it reads and writes, its detail table, key and rules.</summary>
public sealed record BusinessObject(
    string Code,
    string Table,
    string Key,
    string? DetailTable = null,
    string[]? Mandatory = null,
    string[]? DetailMandatory = null,
    bool InsertAllowed = true,
    bool GeneratedKey = false);

/// <summary>
/// The business objects the simulator knows (accountview-api.md §3.1). Codes and tables for payment
/// conditions, payment methods and shipping methods are not public (§3.1 "Not found", §3.3): DC1/DISC_COND,
/// PM1/PAY_METH and SM1/SHIP_MTH are this simulator's choice, and Relay's client keeps them as settings.
/// </summary>
public static class BusinessObjects
{
    public static readonly BusinessObject[] All =
    [
        // SUB_NR is mandatory in the dictionary but may be auto-numbered (§2.5): generated when absent.
        new("AR1", "CONTACT", "SUB_NR", Mandatory: ["ACCT_NAME", "SRC_CODE"], GeneratedKey: true),
        new("ADDR", "DEL_ADDR", "REC_ID", Mandatory: ["SUB_NR"], GeneratedKey: true),
        new("AK1", "ARTICLE", "ART_CODE", Mandatory: ["ART_CODE", "ART_DESC1"]),
        new("AG1", "ART_GRP", "AG_CODE", Mandatory: ["AG_CODE", "AG_DESC"]),
        // The order-number field of SO_HDR is unknown (§3.7); ORD_NR here.
        new("SO1", "SO_HDR", "ORD_NR", "SO_LINE", Mandatory: ["RPL_INV"], DetailMandatory: ["ART_CODE", "ORD_QTY"], GeneratedKey: true),
        new("DJ2", "DJ_PAGE", "INV_NR", "DJ_LINE", Mandatory: ["DJ_CODE", "HDR_DESC", "SUB_NR"], DetailMandatory: ["ACCT_NR", "AMOUNT"], GeneratedKey: true),
        new("VA1", "VAT", "VAT_CODE", InsertAllowed: false),
        new("GL1", "LEDGER", "ACCT_NR", InsertAllowed: false),
        new("DJ1", "DAILY", "DJ_CODE", InsertAllowed: false),
        new("DC1", "DISC_COND", "DISC_CODE", InsertAllowed: false),
        new("PM1", "PAY_METH", "PAY_CODE", InsertAllowed: false),
        new("SM1", "SHIP_MTH", "SHIP_MTH", InsertAllowed: false),
    ];

    public static BusinessObject? Find(string? code) =>
        All.FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>Fields with the "!" format are stored upper case (Appendix A).</summary>
    public static readonly HashSet<string> UpperCase =
    [
        "SUB_NR", "ACCT_NR", "SRC_CODE", "POST_CODE", "CNT_CODE", "VAT_NR", "VAT_CODE", "DISC_CODE", "SHIP_MTH", "SIC_CODE",
        "APX_LIST", "EMP_NR", "LNG_CODE", "CUR_CODE", "RPL_INV", "RPL_DEL", "AG_CODE",
    ];

    /// <summary>Field lengths from the live dictionary (Appendix A) for the fields Relay writes.</summary>
    public static readonly Dictionary<string, int> Lengths = new()
    {
        ["SUB_NR"] = 10, ["ACCT_NR"] = 10, ["ACCT_NAME"] = 40, ["SRC_CODE"] = 10, ["ADDRESS1"] = 80, ["POST_CODE"] = 10,
        ["CITY"] = 35, ["CNT_CODE"] = 2, ["MAIL_BUS"] = 50, ["TEL_BUS"] = 20, ["VAT_NR"] = 14, ["VAT_CODE"] = 2,
        ["COC_CODE"] = 15, ["DISC_CODE"] = 2, ["SHIP_MTH"] = 10, ["SIC_CODE"] = 10, ["MAIN_CONT"] = 40, ["DEB_NR"] = 10,
    };
}
