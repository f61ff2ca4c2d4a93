using System.Globalization;
using Relay.Api.Clients.CcvShop;
using Relay.Domain.Orders;

namespace Relay.Api.Features.Orders;

/// <summary>
/// Re-reads an order and its rows through the authenticated API (the webhook is only a trigger) and puts it in
/// plain terms:
/// one read where the shop embeds the rows, two where it does not.
/// </summary>
public sealed class ShopOrderReader(CcvShopClient ccv)
{
    public async Task<ShopOrder> ReadAsync(CcvShopAccess shop, long orderId, CancellationToken ct)
    {
        var order = await ccv.GetOrderAsync(shop, orderId, ct);
        // A shop that does not embed the rows (the expand for orders is not in the public docs list, §2.4) is asked
        // for them.
        var rows = order.Orderrows?.Collection ?? await ccv.GetOrderRowsAsync(shop, orderId, ct);
        return ToShopOrder(order, rows);
    }

    public static ShopOrder ToShopOrder(CcvOrder order, IReadOnlyList<CcvOrderRow> rows)
    {
        var billing = order.Customer?.Billingaddress ?? new CcvAddress();
        var (customer, billingAddress) = CustomerOf(order.Customer);
        var delivery = order.Customer?.Deliveryaddress is { IsEmpty: false } d ? Address(d, billing.CountryCode) : null;
        return new ShopOrder(
            order.Id,
            Blank(order.OrdernumberFull) ?? order.Ordernumber?.ToString(CultureInfo.InvariantCulture) ?? order.Id.ToString(CultureInfo.InvariantCulture),
            order.CreateDate ?? DateTimeOffset.MinValue,
            order.Status,
            order.Paid,
            order.OrderRowTaxesIncluded,
            Blank(order.Currency) ?? "EUR",
            customer,
            billingAddress,
            delivery,
            Blank(order.Paymethod),
            Blank(order.DeliverMethod),
            Blank(order.DeliveryOption),
            order.TotalShipping ?? 0,
            order.ShippingTaxPercentage ?? 21,
            order.PaymethodCosts ?? 0,
            order.ExtraCosts ?? 0,
            Blank(order.Discountcoupon?.Code),
            order.Discountcoupon?.Discount ?? 0,
            order.TotalPrice ?? 0,
            rows.Where(r => r.ProductType is null or "product").Select(Line).ToList())
        {
            Reference = Blank(order.Reservationnumber),
        };
    }

    /// <summary>The customer and billing address of a Personalinfo entity (§4.3): an order's customer or a user's userinfo.</summary>
    public static (Customer Customer, PostalAddress Billing) CustomerOf(CcvCustomer? info)
    {
        var billing = info?.Billingaddress ?? new CcvAddress();
        var name = Blank(billing.FullName) ?? $"{billing.FirstName} {billing.LastName}".Trim();
        var customer = new Customer(info?.Email ?? "", name, Blank(billing.Company), Blank(info?.Btw), Blank(info?.Kvk),
            Blank(billing.Telephone) ?? Blank(billing.Mobile));
        return (customer, Address(billing, billing.CountryCode));
    }

    /// <summary>
    /// Variant rows carry the combination's SKU (or number) in sub_*: that is the article (§4.5). Without any, the
    /// code is
    /// "" and the order rules look further (product id, EAN, the connection's table).
    /// </summary>
    private static ShopOrderLine Line(CcvOrderRow row) => new(
        // A variant row (one with an SKU, number or EAN of its combination) takes the product's number only as a
        // chosen fallback.
        Blank(row.SubSkuNumber) ?? Blank(row.SubProductNumber)
            ?? (Blank(row.SubEanNumber) is null ? Blank(row.ProductNumber) : null) ?? "",
        row.ProductName ?? "",
        row.Count,
        row.Price,
        row.Discount ?? 0,
        row.Tax ?? 21)
    {
        ProductId = row.ProductId is > 0 ? row.ProductId : null,
        Ean = Blank(row.SubEanNumber),
        ParentProductNumber = Blank(row.ProductNumber),
    };

    private static PostalAddress Address(CcvAddress a, string? fallbackCountry)
    {
        var street = Blank(a.AddressLine1) ?? $"{a.Street} {a.Housenumber}{a.HousenumberSuffix}".Trim();
        return new PostalAddress(Blank(a.FullName) ?? $"{a.FirstName} {a.LastName}".Trim(), Blank(a.Company), street, a.Zipcode ?? "", a.City ?? "",
            (Blank(a.CountryCode) ?? fallbackCountry ?? "NL").ToUpperInvariant());
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
