using Relay.Domain.Orders;

namespace Relay.Domain.Tests.Orders;

public sealed class OrderSettingsCodeCheckTests
{
    private static readonly KnownCodes Demo = new(
        VatCodes: Set("H1", "L1", "N0", "EU", "EX"), Ledgers: Set("1300", "8000", "8100", "8200"), PaymentTerms: Set("00", "14"),
        PaymentMethods: Set("BANK", "IDEAL"), ShippingMethods: Set("POSTNL", "DHL"));

    private static HashSet<string> Set(params string[] codes) => new(codes, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void The_defaults_name_codes_the_demo_administration_has() =>
        OrderSettingsCodeCheck.Problems(new OrderFlowSettings(), Demo).ShouldBeEmpty();

    public static TheoryData<string, OrderFlowSettings, string> Cases => new()
    {
        { "VAT row", new OrderFlowSettings { VatCodes = [new("NL", 21, "H1"), new("NL", 9, "L2")] }, "vatCodes[1].code" },
        { "reverse charge", new OrderFlowSettings { ReverseChargeVatCode = "IC" }, "reverseChargeVatCode" },
        { "export", new OrderFlowSettings { ExportVatCode = "E0" }, "exportVatCode" },
        { "default VAT", new OrderFlowSettings { DefaultVatCode = "V" }, "defaultVatCode" },
        { "revenue row", new OrderFlowSettings { RevenueAccounts = [new("BE", "8150")] }, "revenueAccounts[0].account" },
        { "default revenue", new OrderFlowSettings { DefaultRevenueAccount = "9999" }, "defaultRevenueAccount" },
        { "control account", new OrderFlowSettings { DebtorDefaults = new Dictionary<string, string> { ["ACCT_NR"] = "1400" } }, "debtorDefaults.ACCT_NR" },
        { "payment method", new OrderFlowSettings { PaymentMethods = [new("Mollie_iDEAL", "MOLLIE", "00")] }, "paymentMethods[0].paymentMethod" },
        { "payment terms", new OrderFlowSettings { PaymentMethods = [new("Mollie_iDEAL", "IDEAL", "60")] }, "paymentMethods[0].paymentTerms" },
        { "default payment", new OrderFlowSettings { DefaultPayment = new("*", "CASH", "14") }, "defaultPayment.paymentMethod" },
        { "shipping row", new OrderFlowSettings { ShippingMethods = [new("pickup", "AFHALEN")] }, "shippingMethods[0].shippingMethod" },
        { "default shipping", new OrderFlowSettings { DefaultShippingMethod = "UPS" }, "defaultShippingMethod" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_code_AccountView_does_not_have_names_its_field(string name, OrderFlowSettings settings, string field)
    {
        var problems = OrderSettingsCodeCheck.Problems(settings, Demo);

        problems.Keys.ToArray().ShouldBe([field], customMessage: name);
        problems[field].Single().ShouldStartWith("AccountView has no");
    }

    [Fact]
    public void Codes_compare_without_case_and_a_list_AccountView_did_not_give_is_not_checked()
    {
        OrderSettingsCodeCheck.Problems(new OrderFlowSettings { DefaultVatCode = "h1" }, Demo).ShouldBeEmpty();
        OrderSettingsCodeCheck.Problems(new OrderFlowSettings { DefaultShippingMethod = "UPS" }, Demo with { ShippingMethods = null }).ShouldBeEmpty();
    }
}
