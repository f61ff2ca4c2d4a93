using Relay.Domain.Customers;
using Relay.Domain.Orders;
using Relay.Domain.Tests.Orders;

namespace Relay.Domain.Tests.PersonalData;

/// <summary>
/// The audit trail outlives a customer's consent: every reason the rules give names people by role ("the
/// customer's e-mail") and debtors by number, never by a value of the customer's.
/// </summary>
public sealed class DecisionsByRoleTests
{
    private static readonly Customer Person = new("lotte@peeters.be", "Lotte Peeters", "Bakkerij Peeters BV",
        "BE0987654321", "0987654321", "+32 50 12 34 56");

    private static readonly PostalAddress Billing =
        new("Lotte Peeters", "Bakkerij Peeters BV", "Markt 7", "8000", "Brugge", "BE");

    private static readonly string[] Personal =
    [
        Person.Email, "Lotte", "Peeters", "Bakkerij", Person.VatNumber!, Person.CocNumber!, "12 34 56", "Markt 7",
        "Brugge",
    ];

    private static readonly OrderFlowSettings Orders = new()
    {
        RevenueAccounts = [new("BE", "8110"), new("EU", "8100"), new("WORLD", "8200")],
    };

    public static TheoryData<string, bool, string?, string?, bool> Debtors => new()
    {
        { "a company customer no debtor has", true, null, null, true },
        { "a person no debtor has", false, null, null, true },
        { "a known customer, updated", true, "10001", null, true },
        { "a known customer, updates off", true, "10001", null, false },
        { "every order on the default debtor", true, null, "99999", true },
    };

    [Theory]
    [MemberData(nameof(Debtors))]
    public void The_debtor_decision_names_the_customer_by_role_and_the_debtor_by_number(string name, bool company,
        string? existing, string? defaultDebtor, bool updates)
    {
        var order = OrderSamples.Consumer(country: "BE", vatNumber: Person.VatNumber) with
        {
            Customer = company ? Person : Person with { Company = null },
            Billing = Billing,
        };
        var settings = Orders with { DefaultDebtor = defaultDebtor, UpdateCustomers = updates };

        var debtor = DebtorDecision.For(order, settings, existing);
        var document = OrderDocumentBuilder.Build(order, settings, existing ?? "10002", null);

        foreach (var text in document.Decisions.Append(debtor.Reason))
            Personal.ShouldNotContain(p => text.Contains(p), name);
        if (existing is not null && defaultDebtor is null)
            debtor.Reason.ShouldContain($"Debtor {existing}", Case.Sensitive, name);
        if (defaultDebtor is null) debtor.Reason.ShouldContain("the customer's e-mail", Case.Sensitive, name);
    }

    public static TheoryData<string, string?, bool, string?> Customers => new()
    {
        { "a new customer", null, true, null },
        { "a known customer whose address changed", "10001", true, "Oude Markt 1" },
        { "a known customer, nothing changed", "10001", true, "Markt 7" },
        { "a known customer, updates off", "10001", false, "Oude Markt 1" },
    };

    [Theory]
    [MemberData(nameof(Customers))]
    public void The_customer_decision_names_the_customer_by_role_and_the_debtor_by_number(string name, string? existing,
        bool updates, string? knownStreet)
    {
        var known = existing is null ? null : CustomerRules.Decide(Person, Billing, null, null, new(), Orders)
            .ShouldBeOfType<CustomerDecision.Create>().Fields
            .ToDictionary(f => f.Field, f => (string?)(f.Field == "ADDRESS1" ? knownStreet : f.Value));

        var decision = CustomerRules.Decide(Person, Billing, existing, known,
            new CustomerFlowSettings { UpdateExisting = updates }, Orders);

        Personal.ShouldNotContain(p => decision.Reason.Contains(p), name);
        if (existing is not null) decision.Reason.ShouldContain($"Debtor {existing}", Case.Sensitive, name);
    }
}
