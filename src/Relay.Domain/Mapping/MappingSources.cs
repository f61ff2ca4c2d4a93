using System.Globalization;
using Relay.Domain.Orders;

namespace Relay.Domain.Mapping;

/// <summary>The source fields the data mapper can read, by name, for an order and for each document line.</summary>
public static class MappingSources
{
    public const string OrderObject = "order";
    public const string LineObject = "line";
    public const string DebtorObject = "debtor";

    /// <summary>An article the products flow creates or updates from a shop product or variant (shop master).</summary>
    public const string ArticleObject = "article";
    public static readonly string[] Objects = [OrderObject, LineObject, DebtorObject, ArticleObject];

    public static readonly string[] OrderFields =
    [
        "order.id", "order.number", "order.createdAt", "order.status", "order.currency", "order.total", "order.paymentMethod",
        "order.deliverMethod", "order.deliveryOption", "order.couponCode", "order.shipping",
        "customer.email", "customer.name", "customer.company", "customer.vatNumber", "customer.cocNumber", "customer.phone",
        "billing.name", "billing.company", "billing.street", "billing.zipcode", "billing.city", "billing.country",
        "delivery.name", "delivery.company", "delivery.street", "delivery.zipcode", "delivery.city", "delivery.country",
        "debtor.number",
    ];

    public static readonly string[] LineFields =
        ["line.articleCode", "line.description", "line.quantity", "line.unitPrice", "line.vatCode", "line.revenueAccount"];

    /// <summary>
    /// A shop product's fields for an article, with its characteristics: origin country and HS code
    /// (tradecodesystem), delivery time, unit, weight, MPN and brand (ccvshop-api.md §4.6).
    /// </summary>
    public static readonly string[] ArticleFields =
    [
        "product.id", "product.number", "product.name", "product.shortDescription", "product.brand", "product.category", "product.originCountry",
        "product.hsCode", "product.deliveryTime", "product.unit", "product.weight", "product.mpn", "variant.sku", "variant.values",
    ];

    /// <summary>Which source fields a target object may read: lines read their own fields as well as the order's; articles their product's.</summary>
    public static IReadOnlyList<string> For(string @object) => @object switch
    {
        LineObject => [.. OrderFields, .. LineFields],
        ArticleObject => ArticleFields,
        _ => OrderFields,
    };

    public static Dictionary<string, string> Of(ShopOrder order, string? debtorNumber)
    {
        var c = order.Customer;
        var d = order.Delivery ?? order.Billing;
        return new Dictionary<string, string>
        {
            ["order.id"] = order.Id.ToString(CultureInfo.InvariantCulture),
            ["order.number"] = order.OrderNumber,
            ["order.createdAt"] = order.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["order.status"] = order.Status?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["order.currency"] = order.Currency,
            ["order.total"] = order.Total.ToString("0.00", CultureInfo.InvariantCulture),
            ["order.paymentMethod"] = order.PaymentMethod ?? "",
            ["order.deliverMethod"] = order.DeliverMethod ?? "",
            ["order.deliveryOption"] = order.DeliveryOption ?? "",
            ["order.couponCode"] = order.CouponCode ?? "",
            ["order.shipping"] = order.Shipping.ToString("0.00", CultureInfo.InvariantCulture),
            ["customer.email"] = c.Email,
            ["customer.name"] = c.Name,
            ["customer.company"] = c.Company ?? "",
            ["customer.vatNumber"] = c.VatNumber ?? "",
            ["customer.cocNumber"] = c.CocNumber ?? "",
            ["customer.phone"] = c.Phone ?? "",
            ["billing.name"] = order.Billing.Name,
            ["billing.company"] = order.Billing.Company ?? "",
            ["billing.street"] = order.Billing.StreetLine,
            ["billing.zipcode"] = order.Billing.Zipcode,
            ["billing.city"] = order.Billing.City,
            ["billing.country"] = order.Billing.CountryCode,
            ["delivery.name"] = d.Name,
            ["delivery.company"] = d.Company ?? "",
            ["delivery.street"] = d.StreetLine,
            ["delivery.zipcode"] = d.Zipcode,
            ["delivery.city"] = d.City,
            ["delivery.country"] = d.CountryCode,
            ["debtor.number"] = debtorNumber ?? "",
        };
    }

    public static Dictionary<string, string> Of(IReadOnlyDictionary<string, string> order, DocumentLine line) =>
        new(order)
        {
            ["line.articleCode"] = line.ArticleCode,
            ["line.description"] = line.Description,
            ["line.quantity"] = line.Quantity.ToString(CultureInfo.InvariantCulture),
            ["line.unitPrice"] = line.UnitPrice.ToString(CultureInfo.InvariantCulture),
            ["line.vatCode"] = line.VatCode,
            ["line.revenueAccount"] = line.RevenueAccount,
        };
}
