using System.Text.Json.Nodes;

namespace Relay.Simulators.AccountView;

/// <summary>
/// The built-in demo administration: the demo catalogue's articles with stock, article groups, VAT
/// codes, ledgers, a sales journal, payment conditions, payment and shipping methods, and one debtor.
/// Code values are administration-specific in real life (§3.4); these are plausible examples.
/// </summary>
public static class AccountViewSeed
{
    public static void Fill(AccountViewStore store, Company at, int articles, DateTimeOffset now)
    {
        var company = at.Id;
        var stamp = AccountViewStore.Timestamp(now);
        void Add(string table, JsonObject row)
        {
            row["CNG_DATE"] ??= stamp;
            row["INP_DATE"] ??= stamp;
            store.Table(company, table).Add(row);
        }

        foreach (var (code, name) in DemoCatalogue.Groups) Add("ART_GRP", new() { ["AG_CODE"] = code, ["AG_DESC"] = name });
        // Articles were last changed over the past weeks, one product a minute, the last one a minute ago:
        // a poll for recent changes finds none until something changes.
        var items = DemoCatalogue.Create(articles);
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            var changed = now - TimeSpan.FromMinutes(items.Count - n);
            if (item.Variants.Count == 0) Add("ARTICLE",
                Article(item.Code, item.Name, item.Price, item.Ean, item.Group, item.Stock, changed, at.Profile));
            foreach (var v in item.Variants)
                Add("ARTICLE", Article(v.Code, $"{item.Name} {v.Size} {v.Colour}", item.Price + v.ExtraPrice, v.Ean,
                    item.Group, v.Stock,
                    changed, at.Profile));
        }
        Add("ARTICLE", Article("VERZEND", "Verzendkosten", 0, "", "KEUKEN", 0, now, at.Profile));

        foreach (var (code, name, pct, reverse) in new[] { ("H1", "BTW hoog", 21m, false), ("L1", "BTW laag", 9m, false), ("N0", "BTW geen", 0m, false), ("EU", "Intracommunautair verlegd", 0m, true), ("EX", "Export buiten EU", 0m, false) })
            Add("VAT", new() { ["VAT_CODE"] = code, ["VAT_NAME"] = name, ["VAT_PCT"] = pct, ["IS_REVERSE"] = reverse, ["VAT_TYPE"] = 1 });
        foreach (var (nr, name, revenue) in new[] { ("1300", "Debiteuren", false), ("8000", "Omzet hoog NL", true),
            ("8010", "Omzet laag NL", true), ("8100", "Omzet EU", true), ("8110", "Omzet EU particulieren", true),
                ("8200", "Omzet export", true), ("8300", "Verzendkosten", true), ("8400", "Kortingen", true) })
            Add("LEDGER", new() { ["ACCT_NR"] = nr, ["ACCT_NAME"] = name, ["STAT_SELL"] = revenue, ["REC_BLK"] = false });
        Add("DAILY", new() { ["DJ_CODE"] = "70", ["DJ_NAME"] = "Verkoopboek" });
        // Code lists for payment terms, payment and shipping methods: only where the administration has them (§3.3).
        if (at.Profile == CompanyProfile.Extended)
        {
            foreach (var (code, desc, days) in new[] { ("00", "Contant", 0), ("14", "14 dagen netto", 14),
                ("30", "30 dagen netto", 30) })
                Add("DISC_COND", new() { ["DISC_CODE"] = code, ["DISC_DESC"] = desc, ["CRED_DAYS"] = days });
            foreach (var (code, desc) in new[] { ("IDEAL", "iDEAL"), ("BANK", "Bankoverschrijving"),
                ("PAYPAL", "PayPal"), ("BCMC", "Bancontact") })
                Add("PAY_METH", new() { ["PAY_CODE"] = code, ["PAY_DESC"] = desc });
            foreach (var (code, desc) in new[] { ("POSTNL", "PostNL"), ("DHL", "DHL"), ("AFHALEN", "Afhalen") })
                Add("SHIP_MTH", new() { ["SHIP_MTH"] = code, ["SHIP_DESC"] = desc });
        }
        Add("CONTACT", new()
        {
            ["SUB_NR"] = "10001", ["ACCT_NR"] = "1300", ["ACCT_NAME"] = "Jan Jansen", ["SRC_CODE"] = "JANSEN", ["ADDRESS1"] = "Dorpsstraat 12",
            ["POST_CODE"] = "1234 AB", ["CITY"] = "Utrecht", ["CNT_CODE"] = "NL", ["MAIL_BUS"] = "jan@example.nl", ["TEL_BUS"] = "0612345678",
            ["VAT_NR"] = "", ["VAT_CODE"] = "H1", ["DISC_CODE"] = "14", ["COC_CODE"] = "",
        });
    }

    private static JsonObject Article(string code, string description, decimal price, string ean, string group,
        int stock, DateTimeOffset now,
        CompanyProfile profile)
    {
        var article = new JsonObject
        {
            ["ART_CODE"] = code, ["ART_DESC1"] = description, ["AG_CODE"] = group, ["PX_SELL"] = price, ["COST_PX"] = Math.Round(price / 3, 2),
            // EAN and VAT-code fields on ARTICLE are not known (§3.6); these names are the simulator's choice.
            ["EAN_CODE"] = ean, ["VAT_CODE"] = "H1", ["QTY_BESTEL"] = 0, ["REC_BLK"] = false,
        };
        AccountViewStore.SetStock(article, stock, 0, now, profile);
        return article;
    }
}
