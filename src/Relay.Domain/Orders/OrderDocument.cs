namespace Relay.Domain.Orders;

/// <summary>What goes to AccountView for one order, with the reasons behind every choice (the audit trail).</summary>
public sealed record OrderDocument(
    DocumentKind Kind,
    string Reference,
    string DebtorNumber,
    string? DeliveryAddressCode,
    DateTimeOffset OrderDate,
    string PaymentMethod,
    string PaymentTerms,
    string ShippingMethod,
    bool PricesIncludeVat,
    IReadOnlyList<DocumentLine> Lines,
    IReadOnlyList<string> Decisions)
{
    public decimal Total => Lines.Sum(l => l.Total);
}

public sealed record DocumentLine(string ArticleCode, string Description, decimal Quantity, decimal UnitPrice, decimal UnitDiscount,
    string VatCode, string RevenueAccount)
{
    public decimal Total => Math.Round(Quantity * (UnitPrice - UnitDiscount), 2, MidpointRounding.AwayFromZero);
}

/// <summary>Rules 5–9: the lines, VAT, revenue, payment and shipping of the AccountView document.</summary>
public static class OrderDocumentBuilder
{
    public static OrderDocument Build(ShopOrder order, OrderFlowSettings settings, string debtorNumber, string? deliveryAddressCode)
    {
        var decisions = new List<string>();
        var lines = new List<DocumentLine>();
        var vatWhy = new HashSet<string>();
        var accountWhy = new HashSet<string>();
        string Vat(decimal rate)
        {
            var (code, why) = TaxRules.VatCode(order, rate, settings);
            vatWhy.Add(why);
            return code;
        }
        string Account(decimal rate)
        {
            var (account, why) = TaxRules.RevenueAccount(order, rate, settings);
            accountWhy.Add(why);
            return account;
        }

        foreach (var line in order.Lines)
            lines.Add(new DocumentLine(line.ArticleCode, line.Description, line.Quantity, line.UnitPrice,
                line.UnitDiscount, Vat(line.VatRate),
                Account(line.VatRate)));
        var mainRate = TaxRules.MainRate(order);
        var discountAccount = settings.DiscountRevenueAccount ?? Account(mainRate);
        if (order.Shipping != 0)
        {
            lines.Add(new DocumentLine(settings.ShippingArticle, "Verzendkosten", 1, order.Shipping, 0,
                Vat(order.ShippingVatRate),
                settings.ShippingRevenueAccount ?? Account(order.ShippingVatRate)));
            if (settings.ShippingRevenueAccount is { } ledger) decisions.Add($"Shipping booked on ledger {ledger} "
                + $"(the shipping ledger).");
        }
        if (order.PaymentCosts != 0)
            lines.Add(new DocumentLine(settings.PaymentCostsArticle, "Betaalkosten", 1, order.PaymentCosts, 0,
                Vat(mainRate), Account(mainRate)));
        if (order.ExtraCosts != 0)
            lines.Add(new DocumentLine(settings.PaymentCostsArticle, "Extra kosten", 1, order.ExtraCosts, 0,
                Vat(mainRate), Account(mainRate)));
        if (order.CouponDiscount != 0)
        {
            lines.Add(new DocumentLine(settings.DiscountArticle, $"Kortingscode {order.CouponCode}".Trim(), 1,
                -order.CouponDiscount, 0, Vat(mainRate),
                discountAccount));
            decisions.Add($"Coupon {order.CouponCode} of {order.CouponDiscount:0.00} booked as a discount line on "
                + $"{settings.DiscountArticle}, "
                + $"ledger {discountAccount}.");
        }
        decisions.AddRange(accountWhy);
        decisions.AddRange(vatWhy);

        // Rule 9: the document adds up to the shop's total to the cent, or the difference is shown.
        var difference = order.Total - lines.Sum(l => l.Total);
        if (difference != 0)
        {
            lines.Add(new DocumentLine(settings.DiscountArticle, "Afronding", 1, difference, 0, Vat(mainRate),
                discountAccount));
            decisions.Add($"Lines add up to {order.Total - difference:0.00}, the shop's total is {order.Total:0.00}: rounding line of {difference:0.00}.");
        }

        var payment = settings.PaymentMethods.FirstOrDefault(p => string.Equals(p.ShopMethod, order.PaymentMethod, StringComparison.OrdinalIgnoreCase));
        decisions.Add(payment is not null
            ? $"Payment method {order.PaymentMethod}: AccountView {payment.PaymentMethod}, terms {payment.PaymentTerms} (mapping)."
            : $"Payment method {order.PaymentMethod ?? "none"} is not mapped: default {settings.DefaultPayment.PaymentMethod}, terms {settings.DefaultPayment.PaymentTerms}.");
        payment ??= settings.DefaultPayment;

        var shopShipping = order.DeliveryOption ?? order.DeliverMethod;
        var shipping = settings.ShippingMethods.FirstOrDefault(s =>
            string.Equals(s.ShopMethod, order.DeliveryOption, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(s.ShopMethod, order.DeliverMethod, StringComparison.OrdinalIgnoreCase));
        decisions.Add(shipping is not null
            ? $"Delivery {shopShipping}: shipping method {shipping.ShippingMethod} (mapping)."
            : $"Delivery {shopShipping ?? "none"} is not mapped: default shipping method {settings.DefaultShippingMethod}.");

        return new OrderDocument(settings.Document, order.OrderNumber, debtorNumber, deliveryAddressCode, order.CreatedAt,
            payment.PaymentMethod, payment.PaymentTerms, shipping?.ShippingMethod ?? settings.DefaultShippingMethod,
            order.PricesIncludeVat, lines, decisions);
    }

    /// <summary>Rule 4: the article codes the document needs that AccountView does not have.</summary>
    public static IReadOnlyList<string> MissingArticles(ShopOrder order, OrderFlowSettings settings, IReadOnlySet<string> known) =>
        order.Lines.Select(l => l.ArticleCode)
            .Concat(order.Shipping != 0 ? [settings.ShippingArticle] : [])
            .Concat(order.CouponDiscount != 0 || order.PaymentCosts != 0 || order.ExtraCosts != 0 ? [settings.DiscountArticle, settings.PaymentCostsArticle] : [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(code => !known.Contains(code))
            .ToList();
}
