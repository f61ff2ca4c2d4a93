namespace Relay.Domain.Orders;

/// <summary>A webshop order as the order rules see it: read from the shop, in plain terms.</summary>
public sealed record ShopOrder(
    long Id,
    string OrderNumber,
    DateTimeOffset CreatedAt,
    int? Status,
    bool Paid,
    bool PricesIncludeVat,
    string Currency,
    Customer Customer,
    PostalAddress Billing,
    PostalAddress? Delivery,
    string? PaymentMethod,
    string? DeliverMethod,
    string? DeliveryOption,
    decimal Shipping,
    decimal ShippingVatRate,
    decimal PaymentCosts,
    decimal ExtraCosts,
    string? CouponCode,
    decimal CouponDiscount,
    decimal Total,
    IReadOnlyList<ShopOrderLine> Lines)
{
    /// <summary>The shop's reservationnumber (§4.1): where an order Relay created from AccountView says so.</summary>
    public string? Reference { get; init; }
}

/// <summary>
/// A row: the article code is the variant's SKU, else the variant's product number; on a row without a variant the
/// product number. "" when the shop has none (real CCV data has product_number ""), and then <see cref="ArticleCodes"/>
/// looks further.
/// </summary>
public sealed record ShopOrderLine(string ArticleCode, string Description, decimal Quantity, decimal UnitPrice,
    decimal UnitDiscount,
    decimal VatRate)
{
    /// <summary>The shop's product id (product_id); absent for a row not linked to a product.</summary>
    public long? ProductId { get; init; }

    /// <summary>The variant's EAN (sub_ean_number).</summary>
    public string? Ean { get; init; }

    /// <summary>The product's own number (product_number), also on a variant row.</summary>
    public string? ParentProductNumber { get; init; }

    public decimal Total => Math.Round(Quantity * (UnitPrice - UnitDiscount), 2, MidpointRounding.AwayFromZero);
}

public sealed record Customer(string Email, string Name, string? Company, string? VatNumber, string? CocNumber, string? Phone)
{
    public bool IsCompany => !string.IsNullOrWhiteSpace(Company);
}

public sealed record PostalAddress(string Name, string? Company, string StreetLine, string Zipcode, string City, string CountryCode);
