namespace Relay.Domain.Orders;

/// <summary>
/// Rule 3: which debtor an order is booked on, and why. The reasons name people by role and debtors by number, never by
/// name or e-mail address: they are kept on the audit trail, which outlives the customer's consent.
/// </summary>
public abstract record DebtorDecision(string Reason)
{
    public sealed record UseDefault(string Number, string Why) : DebtorDecision(Why);
    public sealed record UseExisting(string Number, bool Update, string Why) : DebtorDecision(Why);
    public sealed record Create(bool AsCompany, string Why) : DebtorDecision(Why);

    /// <param name="existingByEmail">The debtor number AccountView has for the customer's e-mail, if any.</param>
    public static DebtorDecision For(ShopOrder order, OrderFlowSettings settings, string? existingByEmail)
    {
        if (!string.IsNullOrWhiteSpace(settings.DefaultDebtor))
            return new UseDefault(settings.DefaultDebtor, $"The connection books every order on default debtor {settings.DefaultDebtor}.");
        if (existingByEmail is not null)
            return new UseExisting(existingByEmail, settings.UpdateCustomers, settings.UpdateCustomers
                ? $"Debtor {existingByEmail} has the customer's e-mail address; updated with the order's details."
                : $"Debtor {existingByEmail} has the customer's e-mail address; left as it is (customer updates are "
                    + $"off).");
        return order.Customer.IsCompany
            ? new Create(true,
                "No debtor has the customer's e-mail address; a company debtor with the customer as its contact is "
                    + "created.")
            : new Create(false, "No debtor has the customer's e-mail address; a person debtor is created.");
    }

    /// <summary>The debtor fields an order writes on create or update: its customer and billing address.</summary>
    public static IReadOnlyList<(string Field, string Value)> Fields(ShopOrder order, OrderFlowSettings settings, bool asCompany, string vatCode) =>
        Fields(order.Customer, order.Billing, settings, asCompany, vatCode, TaxRules.RevenueAccount(order, settings).Account);

    /// <summary>
    /// The debtor fields written on create or update (§3.2 field names), defaults from the connection first.
    /// The revenue account goes into LNK_ACCT ("Standaardrekening", Appendix A), the debtor's default account.
    /// </summary>
    public static IReadOnlyList<(string Field, string Value)> Fields(Customer c, PostalAddress billing, OrderFlowSettings settings, bool asCompany,
        string vatCode, string revenueAccount)
    {
        var name = asCompany ? c.Company! : c.Name;
        var fields = settings.DebtorDefaults.Select(d => (d.Key, d.Value)).ToList();
        fields.AddRange(
        [
            ("ACCT_NAME", Truncate(name, 40)),
            ("SRC_CODE", SearchCode(name)),
            ("ADDRESS1", billing.StreetLine),
            ("POST_CODE", billing.Zipcode),
            ("CITY", billing.City),
            ("CNT_CODE", billing.CountryCode),
            ("MAIL_BUS", c.Email),
            ("TEL_BUS", c.Phone ?? ""),
            ("VAT_NR", c.VatNumber ?? ""),
            ("COC_CODE", c.CocNumber ?? ""),
            ("VAT_CODE", vatCode),
        ]);
        if (!settings.DebtorDefaults.ContainsKey("LNK_ACCT")) fields.Add(("LNK_ACCT", revenueAccount));
        if (asCompany) fields.Add(("MAIN_CONT", Truncate(c.Name, 40)));
        return fields;
    }

    private static string SearchCode(string name)
    {
        var letters = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        return letters.Length == 0 ? "-" : Truncate(letters, 10);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
