using Relay.Domain.Orders;

namespace Relay.Domain.Customers;

/// <summary>What to do with one shop customer in AccountView, and why.</summary>
public abstract record CustomerDecision(string Reason)
{
    public sealed record Create(IReadOnlyList<(string Field, string Value)> Fields, string Why) : CustomerDecision(Why);
    public sealed record Update(string Number, IReadOnlyList<(string Field, string Value)> Changed, string Why) : CustomerDecision(Why);
    public sealed record LeaveAlone(string Number, string Why) : CustomerDecision(Why);
    public sealed record Skip(string Why) : CustomerDecision(Why);
}

public static class CustomerRules
{
    /// <param name="existing">The debtor with the customer's e-mail, with its current fields, if any.</param>
    public static CustomerDecision Decide(Customer customer, PostalAddress? billing, string? existingNumber,
        IReadOnlyDictionary<string, string?>? existing, CustomerFlowSettings settings, OrderFlowSettings orders)
    {
        if (string.IsNullOrWhiteSpace(customer.Email)) return new CustomerDecision.Skip("The customer has no e-mail address to match a debtor by.");
        if (billing is null || string.IsNullOrWhiteSpace(billing.CountryCode))
            return new CustomerDecision.Skip("The customer has no billing address with a country.");
        var (vatCode, vatWhy) = TaxRules.DebtorVatCode(billing.CountryCode, customer.VatNumber, orders);
        var (account, accountWhy) =
            TaxRules.RevenueAccount(billing.CountryCode, null, TaxRules.IsBusiness(customer.VatNumber), orders);
        var why = $"{vatWhy} {accountWhy}";
        if (existingNumber is null)
        {
            var fields = DebtorDecision.Fields(customer, billing, orders, customer.IsCompany, vatCode, account);
            return new CustomerDecision.Create(fields, customer.IsCompany
                ? $"No debtor has this e-mail: a company debtor with the customer as its contact is created. {why}"
                : $"No debtor has this e-mail: a person debtor is created. {why}");
        }
        if (!settings.UpdateExisting) return new CustomerDecision.Skip($"Debtor {existingNumber} has this e-mail; customer updates are off, so it is left as it is.");
        // SRC_CODE and the connection's defaults are set at creation; an update writes only what the shop knows and differs.
        var changed = DebtorDecision.Fields(customer, billing, orders, customer.IsCompany, vatCode, account)
            .Where(f => f.Field != "SRC_CODE" && !orders.DebtorDefaults.ContainsKey(f.Field))
            .Where(f => !string.Equals(existing?.GetValueOrDefault(f.Field)?.Trim() ?? "", f.Value.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        return changed.Count == 0
            ? new CustomerDecision.LeaveAlone(existingNumber, $"Debtor {existingNumber} has this e-mail and nothing differed: nothing was written.")
            : new CustomerDecision.Update(existingNumber, changed, $"Debtor {existingNumber} has this e-mail; changed: {string.Join(", ", changed.Select(c => c.Field))}. {why}");
    }
}
