using System.Text.Json.Serialization;

namespace Relay.Api.Clients.CcvShop;

// The fields Relay uses, named as CCV Shop names them (snake_case unless marked). Everything else in
// the answers is ignored, so new fields do not break the client (§7).

/// <summary>An order (§4.1).</summary>
public sealed record CcvOrder
{
    public long Id { get; init; }
    public long? Ordernumber { get; init; }
    public string? OrdernumberPrefix { get; init; }
    public string? OrdernumberFull { get; init; }
    public DateTimeOffset? CreateDate { get; init; }
    public int? Status { get; init; }
    public bool Paid { get; init; }
    public bool? IsCompleted { get; init; }
    public long? PaymethodId { get; init; }
    public string? Paymethod { get; init; }
    public string? PaymethodLabel { get; init; }
    public bool TaxesIncluded { get; init; }
    public bool OrderRowTaxesIncluded { get; init; }
    public bool ShippingTaxesIncluded { get; init; }
    public decimal? ShippingTaxPercentage { get; init; }
    public bool IsIntraCommunityOrder { get; init; }
    public decimal? TotalOrderrowPrice { get; init; }
    public decimal? TotalShipping { get; init; }
    public decimal? TotalDiscounts { get; init; }
    public decimal? TotalPrice { get; init; }
    public decimal? TotalTax { get; init; }
    public decimal? PaymethodCosts { get; init; }
    public decimal? ExtraCosts { get; init; }
    public string? ExtraCostsDescription { get; init; }
    public string? Currency { get; init; }
    public string? DeliverMethod { get; init; }
    public string? DeliveryOption { get; init; }
    public string? TrackAndTraceCode { get; init; }
    public string? TrackAndTraceCarrier { get; init; }

    /// <summary>Free text (§4.1); the orders-from-AccountView flow keeps the AccountView order number here.</summary>
    public string? Reservationnumber { get; init; }

    [JsonConverter(typeof(LenientObject<CcvOrderUser>))]
    public CcvOrderUser? User { get; init; }

    [JsonConverter(typeof(LenientObject<CcvCoupon>))]
    public CcvCoupon? Discountcoupon { get; init; }

    [JsonConverter(typeof(LenientObject<CcvCustomer>))]
    public CcvCustomer? Customer { get; init; }

    /// <summary>The rows, embedded when asked with expand=orderrows (§2.4); otherwise only their href.</summary>
    public CcvExpandable<CcvOrderRow>? Orderrows { get; init; }
}

/// <summary>An internal order note (§4.10).</summary>
public sealed record CcvOrderNote(long Id, string? Note);

/// <summary>user.id is a JSON string in real data although the schema says int (§4.1).</summary>
public sealed record CcvOrderUser(long? Id, decimal? DiscountPercentage);

/// <summary>Without a coupon real data has code "" and discount 0 (§4.1).</summary>
public sealed record CcvCoupon(string? Code, decimal? Discount, string? Type);

/// <summary>Personalinfo (§4.3).</summary>
public sealed record CcvCustomer
{
    [JsonConverter(typeof(LenientObject<CcvAddress>))]
    public CcvAddress? Billingaddress { get; init; }

    [JsonConverter(typeof(LenientObject<CcvAddress>))]
    public CcvAddress? Deliveryaddress { get; init; }

    public string? Email { get; init; }
    public string? Customertype { get; init; }
    public string? Btw { get; init; }
    public string? Kvk { get; init; }
    public string? Iban { get; init; }
    public string? Reference { get; init; }
}

public sealed record CcvAddress
{
    public string? Initials { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? FullName { get; init; }
    public string? Company { get; init; }
    [JsonPropertyName("address_line_1")] public string? AddressLine1 { get; init; }
    [JsonPropertyName("address_line_2")] public string? AddressLine2 { get; init; }
    public string? Street { get; init; }
    public string? Housenumber { get; init; }
    public string? HousenumberSuffix { get; init; }
    public string? Zipcode { get; init; }
    public string? City { get; init; }
    public string? Province { get; init; }
    public string? Country { get; init; }
    public string? CountryCode { get; init; }
    public string? Telephone { get; init; }
    public string? Mobile { get; init; }

    /// <summary>Real data sends a delivery address with every field "" when the customer gave none (§4.3).</summary>
    [JsonIgnore]
    public bool IsEmpty => string.IsNullOrWhiteSpace(Street) && string.IsNullOrWhiteSpace(AddressLine1) &&
                           string.IsNullOrWhiteSpace(Zipcode) && string.IsNullOrWhiteSpace(City) && string.IsNullOrWhiteSpace(FullName);
}

/// <summary>An order row (§4.5). Variant rows carry the combination's numbers in sub_*.</summary>
public sealed record CcvOrderRow
{
    public long Id { get; init; }
    public long OrderId { get; init; }
    public string? ProductType { get; init; }
    public string? ProductName { get; init; }
    public string? ProductNumber { get; init; }
    public string? SubProductNumber { get; init; }
    public string? SubSkuNumber { get; init; }
    public string? SubEanNumber { get; init; }
    public long? ProductId { get; init; }
    public decimal Count { get; init; }
    public decimal Price { get; init; }
    public decimal? Discount { get; init; }
    public decimal? Tax { get; init; }
    public decimal? SellingPrice { get; init; }
    public decimal? TotalPrice { get; init; }
}

/// <summary>A registered customer account (§4.4).</summary>
public sealed record CcvUser
{
    public long Id { get; init; }
    public string? Username { get; init; }
    public bool? Status { get; init; }
    public CcvCustomer? Userinfo { get; init; }
}

/// <summary>A product (§4.6): GET shows is_active, writes take active.</summary>
public sealed record CcvProduct
{
    public long Id { get; init; }
    public bool IsActive { get; init; }
    public string? Productnumber { get; init; }
    public string? Eannumber { get; init; }
    public string? Name { get; init; }
    public string? Shortdescription { get; init; }
    public string? Description { get; init; }
    public string? Taxtariff { get; init; }
    public decimal? Price { get; init; }
    public decimal? Discount { get; init; }
    public bool Stockenabled { get; init; }
    public string? Stocktype { get; init; }
    public decimal? Stock { get; init; }
    public string? Productmainphoto { get; init; }
    public DateTimeOffset? Modifydate { get; init; }

    public CcvNamed? Brand { get; init; }
    public string? Mpnnumber { get; init; }
    public string? Unit { get; init; }
    public decimal? Weight { get; init; }
    public int? StockDeliveryNumber { get; init; }
    public string? StockDeliveryType { get; init; }

    [JsonConverter(typeof(LenientObject<CcvTradeCode>))]
    public CcvTradeCode? Tradecodesystem { get; init; }

    public CcvExpandable<CcvCombination>? Attributecombinations { get; init; }

    /// <summary>The product's category links, when asked with expand=producttocategories (§2.4).</summary>
    public CcvExpandable<CcvProductCategoryLink>? Producttocategories { get; init; }
}

/// <summary>A linked resource shown by id and name (brand, attribute, attribute value).</summary>
public sealed record CcvNamed(long? Id, string? Name);

/// <summary>The product's customs data (§4.6): code (HS) and coo, the country of origin.</summary>
public sealed record CcvTradeCode(string? Code, string? Coo);

/// <summary>An option menu such as Maat (§4.7).</summary>
public sealed record CcvAttribute(long Id, string? Name, string? Type);

public sealed record CcvAttributeValue(long Id, string? Name, long? AttributeId);

/// <summary>An attribute value attached to a product, with the price it adds (§4.7 product attribute values).</summary>
public sealed record CcvProductAttributeValue(long Id, string? Optionname, string? OptionvalueName, decimal? Price);

/// <summary>One attribute and its value in a combination (§4.7).</summary>
public sealed record CcvCombinationPart(CcvNamed? Attribute, CcvNamed? AttributeValue, decimal? ExtraPrice);

/// <summary>A link that carries its collection when asked with expand (§2.4).</summary>
public sealed record CcvExpandable<T>(string? Href, IReadOnlyList<T>? Collection);

/// <summary>A variant: an attribute combination with its own stock, SKU and EAN (§4.7).</summary>
public sealed record CcvCombination
{
    public long Id { get; init; }
    public long ProductId { get; init; }
    public decimal? Stock { get; init; }
    public decimal? NettoExtraPrice { get; init; }
    public string? ProductNumber { get; init; }
    public string? EanNumber { get; init; }
    public string? SkuNumber { get; init; }
    public bool? Active { get; init; }
    public IReadOnlyList<CcvCombinationPart>? Combination { get; init; }
}

public sealed record CcvCategory(long Id, string? Name, int? Position);

public sealed record CcvProductCategoryLink(long Id, long ProductId, long CategoryId);

public sealed record CcvPhoto(long Id, string? Filename, bool IsMainphoto, string? Deeplink);

public sealed record CcvPaymethod(long Id, string? Psp, string? Method, string? CombinedName, string? Label);

/// <summary>A webhook registration; key is only shown in the answer to its creation (§3.1).</summary>
public sealed record CcvWebhook(long Id, string Event, string Address, string? Key, bool IsActive);

/// <summary>One page of a collection (§2.3).</summary>
public sealed record CcvPage<T>(int Start, int Size, string? Next, IReadOnlyList<T> Items);
