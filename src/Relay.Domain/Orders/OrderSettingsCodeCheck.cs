namespace Relay.Domain.Orders;

/// <summary>The codes an AccountView administration has; a list AccountView did not give is null and not checked.</summary>
public sealed record KnownCodes(
    IReadOnlySet<string>? VatCodes = null,
    IReadOnlySet<string>? Ledgers = null,
    IReadOnlySet<string>? PaymentTerms = null,
    IReadOnlySet<string>? PaymentMethods = null,
    IReadOnlySet<string>? ShippingMethods = null);

/// <summary>Order settings that name codes the AccountView administration does not have, by field, for a 400.</summary>
public static class OrderSettingsCodeCheck
{
    public static Dictionary<string, string[]> Problems(OrderFlowSettings s, KnownCodes codes, string prefix = "")
    {
        var problems = new Dictionary<string, string[]>();
        void Check(IReadOnlySet<string>? known, string what, string field, string? code)
        {
            if (known is null || string.IsNullOrEmpty(code) || known.Contains(code, StringComparer.OrdinalIgnoreCase)) return;
            problems[prefix + field] = [$"AccountView has no {what} '{code}'."];
        }

        for (var i = 0; i < s.VatCodes.Count; i++) Check(codes.VatCodes, "VAT code", $"vatCodes[{i}].code", s.VatCodes[i].Code);
        Check(codes.VatCodes, "VAT code", "reverseChargeVatCode", s.ReverseChargeVatCode);
        Check(codes.VatCodes, "VAT code", "exportVatCode", s.ExportVatCode);
        Check(codes.VatCodes, "VAT code", "defaultVatCode", s.DefaultVatCode);
        for (var i = 0; i < s.RevenueAccounts.Count; i++) Check(codes.Ledgers, "ledger account", $"revenueAccounts[{i}].account", s.RevenueAccounts[i].Account);
        Check(codes.Ledgers, "ledger account", "defaultRevenueAccount", s.DefaultRevenueAccount);
        Check(codes.Ledgers, "ledger account", "shippingRevenueAccount", s.ShippingRevenueAccount);
        Check(codes.Ledgers, "ledger account", "discountRevenueAccount", s.DiscountRevenueAccount);
        if (s.DebtorDefaults.TryGetValue("ACCT_NR", out var control)) Check(codes.Ledgers, "ledger account", "debtorDefaults.ACCT_NR", control);
        for (var i = 0; i < s.PaymentMethods.Count; i++)
        {
            Check(codes.PaymentMethods, "payment method", $"paymentMethods[{i}].paymentMethod", s.PaymentMethods[i].PaymentMethod);
            Check(codes.PaymentTerms, "payment terms", $"paymentMethods[{i}].paymentTerms", s.PaymentMethods[i].PaymentTerms);
        }
        Check(codes.PaymentMethods, "payment method", "defaultPayment.paymentMethod", s.DefaultPayment.PaymentMethod);
        Check(codes.PaymentTerms, "payment terms", "defaultPayment.paymentTerms", s.DefaultPayment.PaymentTerms);
        for (var i = 0; i < s.ShippingMethods.Count; i++)
            Check(codes.ShippingMethods, "shipping method", $"shippingMethods[{i}].shippingMethod", s.ShippingMethods[i].ShippingMethod);
        Check(codes.ShippingMethods, "shipping method", "defaultShippingMethod", s.DefaultShippingMethod);
        return problems;
    }
}
