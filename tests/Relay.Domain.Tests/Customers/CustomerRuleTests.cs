using Relay.Domain.Customers;
using Relay.Domain.Orders;

namespace Relay.Domain.Tests.Customers;

public sealed class CustomerRuleTests
{
    private static readonly OrderFlowSettings Orders = new() { RevenueAccounts = [new("NL", "8000"), new("BE", "8110"), new("EU", "8100"), new("WORLD", "8200")] };

    private static Customer Company(string? vat = "BE0987654321") => new("inkoop@peeters.be", "Lotte Peeters", "Bakkerij Peeters BV", vat, "0987654321", null);

    private static PostalAddress Address(string country) => new("Lotte Peeters", "Bakkerij Peeters BV", "Markt 7", "8000", "Brugge", country);

    public static TheoryData<string, string, string?, string, string> Countries => new()
    {
        { "Belgian business with a VAT number: reverse charge, its own revenue account", "BE", "BE0987654321", "EU", "8110" },
        { "Belgian without a VAT number: home rate, the Belgian account", "BE", null, "H1", "8110" },
        { "German business: EU account", "DE", "DE123456789", "EU", "8100" },
        { "Dutch: home", "NL", "NL123456789B01", "H1", "8000" },
        { "Swiss: export", "CH", null, "EX", "8200" },
    };

    [Theory]
    [MemberData(nameof(Countries))]
    public void A_new_customer_gets_the_revenue_account_and_VAT_code_of_its_country(string name, string country, string? vat, string vatCode, string account)
    {
        var decision = CustomerRules.Decide(Company(vat), Address(country), null, null, new CustomerFlowSettings(), Orders);

        var create = decision.ShouldBeOfType<CustomerDecision.Create>(name);
        create.Fields.ShouldContain(("VAT_CODE", vatCode), name);
        create.Fields.ShouldContain(("LNK_ACCT", account), name);
        create.Fields.ShouldContain(("ACCT_NAME", "Bakkerij Peeters BV"));
        create.Fields.ShouldContain(("MAIN_CONT", "Lotte Peeters"));
        create.Fields.ShouldContain(("ACCT_NR", "1300")); // the connection's debtor defaults
    }

    [Fact]
    public void A_known_customer_is_updated_with_what_differs_only()
    {
        var existing = CustomerRules.Decide(Company(), Address("BE"), null, null, new CustomerFlowSettings(), Orders).ShouldBeOfType<CustomerDecision.Create>()
            .Fields.ToDictionary(f => f.Field, f => (string?)f.Value);
        existing["CITY"] = "Gent";
        existing["ACCT_NR"] = "1310"; // changed in AccountView: a default, never overwritten

        var decision = CustomerRules.Decide(Company(), Address("BE"), "20001", existing, new CustomerFlowSettings(), Orders);

        decision.ShouldBeOfType<CustomerDecision.Update>().Changed.ShouldBe([("CITY", "Brugge")]);
    }

    [Fact]
    public void With_updates_off_a_known_customer_is_skipped_and_without_changes_left_alone()
    {
        CustomerRules.Decide(Company(), Address("BE"), "20001", new Dictionary<string, string?>(), new CustomerFlowSettings { UpdateExisting = false }, Orders)
            .ShouldBeOfType<CustomerDecision.Skip>().Reason.ShouldContain("customer updates are off");
        var same = CustomerRules.Decide(Company(), Address("BE"), null, null, new CustomerFlowSettings(), Orders).ShouldBeOfType<CustomerDecision.Create>()
            .Fields.ToDictionary(f => f.Field, f => (string?)f.Value);
        CustomerRules.Decide(Company(), Address("BE"), "20001", same, new CustomerFlowSettings(), Orders).ShouldBeOfType<CustomerDecision.LeaveAlone>();
    }

    [Fact]
    public void A_customer_without_e_mail_or_country_is_skipped_with_the_reason()
    {
        CustomerRules.Decide(Company() with { Email = "" }, Address("BE"), null, null, new CustomerFlowSettings(), Orders)
            .ShouldBeOfType<CustomerDecision.Skip>().Reason.ShouldContain("no e-mail");
        CustomerRules.Decide(Company(), null, null, null, new CustomerFlowSettings(), Orders)
            .ShouldBeOfType<CustomerDecision.Skip>().Reason.ShouldContain("billing address");
    }
}
