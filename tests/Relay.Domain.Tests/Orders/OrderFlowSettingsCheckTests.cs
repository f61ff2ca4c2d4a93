using Relay.Domain.Orders;

namespace Relay.Domain.Tests.Orders;

public sealed class OrderFlowSettingsCheckTests
{
    [Fact]
    public void The_defaults_are_valid() => OrderFlowSettingsCheck.Problems(new OrderFlowSettings()).ShouldBeEmpty();

    public static TheoryData<string, OrderFlowSettings, string> Cases => new()
    {
        { "no reconciliation", new OrderFlowSettings { ReconciliationMinutes = 0 }, "reconciliationMinutes" },
        { "status 15", new OrderFlowSettings { Statuses = [1, 15] }, "statuses" },
        { "home country", new OrderFlowSettings { HomeCountry = "Nederland" }, "homeCountry" },
        { "blank shipping article", new OrderFlowSettings { ShippingArticle = " " }, "shippingArticle" },
        { "VAT code too long", new OrderFlowSettings { ReverseChargeVatCode = "EUR" }, "reverseChargeVatCode" },
        { "VAT row rate", new OrderFlowSettings { VatCodes = [new("NL", 21, "H1"), new("NL", 121, "X")] }, "vatCodes[1].rate" },
        { "VAT row without code", new OrderFlowSettings { VatCodes = [new("NL", 21, "")] }, "vatCodes[0].code" },
        { "revenue region", new OrderFlowSettings { RevenueAccounts = [new("EUROPE", "8100")] }, "revenueAccounts[0].countryOrRegion" },
        { "payment terms", new OrderFlowSettings { PaymentMethods = [new("Mollie_iDEAL", "IDEAL", "")] }, "paymentMethods[0].paymentTerms" },
        { "missing list", new OrderFlowSettings { ShippingMethods = null! }, "shippingMethods" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unusable_settings_name_the_field(string name, OrderFlowSettings settings, string field) =>
        OrderFlowSettingsCheck.Problems(settings).Keys.ShouldBe([field], name);
}
