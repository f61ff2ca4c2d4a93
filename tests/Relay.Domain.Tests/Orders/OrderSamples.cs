using Relay.Domain.Orders;

namespace Relay.Domain.Tests.Orders;

/// <summary>Orders to feed the rules, varied one property at a time.</summary>
public static class OrderSamples
{
    public static readonly PostalAddress Utrecht = new("Jan Jansen", null, "Dorpsstraat 12", "1234AB", "Utrecht", "NL");

    public static ShopOrder Consumer(string country = "NL", bool paid = true, int? status = 1, string? vatNumber = null, string? company = null) => new(
        Id: 1, OrderNumber: "WEB-1001", CreatedAt: new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), Status: status, Paid: paid,
        PricesIncludeVat: true, Currency: "EUR",
        Customer: new Customer("jan@example.nl", "Jan Jansen", company, vatNumber, null, "0612345678"),
        Billing: Utrecht with { CountryCode = country }, Delivery: null, PaymentMethod: "Mollie_iDEAL", DeliverMethod: "shipping", DeliveryOption: null,
        Shipping: 4.95m, ShippingVatRate: 21, PaymentCosts: 0, ExtraCosts: 0, CouponCode: null, CouponDiscount: 0,
        Total: 2 * 10.00m + 4.95m,
        Lines: [new ShopOrderLine("ART-1", "Theepot", 2, 10.00m, 0, 21)]);
}
