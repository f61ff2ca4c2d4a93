using System.Text.Json.Nodes;

namespace Relay.Simulators.CcvShop;

/// <summary>An order to place in the simulated shop (control API), in plain terms.</summary>
public sealed record SimulatedOrder(
    string Email,
    string FirstName,
    string LastName,
    IReadOnlyList<SimulatedOrderRow> Rows,
    string? Company = null,
    string Street = "Dorpsstraat",
    int? HouseNumber = 12,
    string Zipcode = "1234AB",
    string City = "Utrecht",
    string CountryCode = "NL",
    string? VatNumber = null,
    string? CocNumber = null,
    SimulatedDeliveryAddress? Delivery = null,
    bool Paid = false,
    int Status = 1,
    decimal Shipping = 4.95m,
    long PaymethodId = 1,
    string? CouponCode = null,
    decimal CouponDiscount = 0,
    string DeliverMethod = "shipping",
    string? DeliveryOption = null,
    long? Id = null);

/// <param name="Sku">The SKU or product number of a catalogue product; "" with <paramref name="ProductId"/> for a
/// row whose
/// product has no number (real data has product_number "", ccvshop-api.md §4.1) and is not (or no longer) in the
/// catalogue.</param>
public sealed record SimulatedOrderRow(string Sku, decimal Count, decimal? Price = null, decimal Discount = 0,
    string? Name = null,
    long? ProductId = null);

public sealed record SimulatedDeliveryAddress(string Name, string Street, int? HouseNumber, string Zipcode, string City, string CountryCode, string? Company = null);

/// <summary>
/// Builds orders and rows as the shop would. The arithmetic follows the reconstruction in §6.3 (prices
/// incl. VAT; total = rows + shipping + payment costs − coupon), which is not verified against a real shop.
/// </summary>
public static class CcvOrders
{
    private static readonly Dictionary<string, string> CountryNames = new()
    {
        ["NL"] = "Nederland", ["BE"] = "België", ["DE"] = "Duitsland", ["FR"] = "Frankrijk", ["GB"] = "Verenigd Koninkrijk",
        ["US"] = "Verenigde Staten", ["ES"] = "Spanje", ["IT"] = "Italië", ["LU"] = "Luxemburg",
    };

    /// <returns>The stored order, or an error message naming what is wrong.</returns>
    public static (JsonObject? Order, string? Error) Place(CcvShopStore store, SimulatedOrder spec, DateTimeOffset now)
    {
        if (spec.Rows.Count == 0) return (null, "An order needs at least one row.");
        var orderId = spec.Id ?? store.NextId();
        var rows = new List<JsonObject>();
        foreach (var row in spec.Rows)
        {
            var built = Row(store, orderId, row);
            if (built is null) return (null, $"No product or variant has the number or SKU '{row.Sku}'.");
            rows.Add(built);
        }

        var paymethod = store.Find("paymethods", spec.PaymethodId);
        var rowsTotal = rows.Sum(r => r["total_price"].Dec());
        var total = rowsTotal + spec.Shipping - spec.CouponDiscount;
        var tax = rows.Sum(r => r["total_price"].Dec() * r["tax"].Dec() / (100 + r["tax"].Dec()))
                  + spec.Shipping * 21m / 121m - spec.CouponDiscount * 21m / 121m;
        var number = store["orders"].Count + 1001;
        var billing = CcvResources.Address(spec.FirstName, spec.LastName, spec.Company ?? "", spec.Street, spec.HouseNumber,
            spec.Zipcode, spec.City, CountryName(spec.CountryCode), spec.CountryCode);
        var delivery = spec.Delivery is { } d
            ? CcvResources.Address(d.Name, "", d.Company ?? "", d.Street, d.HouseNumber, d.Zipcode, d.City, CountryName(d.CountryCode), d.CountryCode)
            : null;
        var euB2b = spec.CountryCode != "NL" && !string.IsNullOrEmpty(spec.VatNumber);

        var order = new JsonObject
        {
            ["id"] = orderId, ["ordernumber_prefix"] = "WEB", ["ordernumber"] = number, ["ordernumber_full"] = $"WEB-{number}",
            ["invoicenumber"] = null, ["transaction_id"] = null, ["create_date"] = CcvSigning.FormatDate(now),
            ["deliver_method"] = spec.DeliverMethod, ["deliver_date"] = null,
            ["take_out_window"] = new JsonObject { ["start"] = null, ["end"] = null },
            ["is_platform_sale"] = false, ["orderedinlng"] = "nl", ["status"] = spec.Status, ["is_completed"] = true,
            ["paid"] = spec.Paid, ["safety_deposit_returned"] = false,
            ["paymethod_id"] = spec.PaymethodId, ["paymethod"] = paymethod?["combined_name"]?.DeepClone() ?? "",
            ["paymethod_label"] = paymethod?["label"]?.DeepClone() ?? "",
            ["taxes_included"] = true, ["order_row_taxes_included"] = true, ["shipping_taxes_included"] = true,
            ["shipping_tax_percentage"] = 21, ["is_intra_community_order"] = euB2b,
            ["total_orderrow_price"] = rowsTotal, ["total_shipping"] = spec.Shipping, ["total_discounts"] = spec.CouponDiscount,
            ["total_price"] = total, ["currency"] = "EUR", ["total_tax"] = euB2b ? 0 : Math.Round(tax, 2), ["total_weight"] = 1.0,
            ["extra_payment_option"] = "", ["extra_payment_option_price"] = 0, ["extra_price"] = 0, ["paymethod_costs"] = 0,
            ["credit_point_discount"] = 0, ["extra_costs"] = 0, ["extra_costs_description"] = "",
            ["track_and_trace_code"] = "", ["track_and_trace_carrier"] = null, ["track_and_trace_deeplink"] = "",
            ["reservationnumber"] = "", ["delivery_option"] = spec.DeliveryOption,
            // Real data: user.id is a JSON string (§4.1), null for a guest.
            ["user"] = new JsonObject { ["id"] = null, ["discount_percentage"] = 0, ["href"] = null },
            // No coupon: code "" and discount 0, not null (§4.1).
            ["discountcoupon"] = new JsonObject
            {
                ["code"] = spec.CouponCode ?? "", ["discount"] = spec.CouponDiscount, ["type"] = spec.CouponCode is null ? "" : "amount",
                ["enddate"] = null, ["onetimeuse"] = false, ["givesfreeshipping"] = false, ["minimumprice"] = 0,
            },
            ["customer"] = CcvResources.Customer(spec.Email, billing, delivery, spec.VatNumber ?? "", spec.CocNumber ?? ""),
            ["pickup_address"] = null, ["packing_slip_deeplink"] = null,
        };
        var user = store["users"].Values.FirstOrDefault(u => u["username"]?.GetValue<string>() == spec.Email);
        if (user is not null) order["user"]!["id"] = user["id"].Long().ToString();

        store.Add("orders", order);
        foreach (var row in rows) store.Add("orderrows", row);
        return (order, null);
    }

    private static JsonObject? Row(CcvShopStore store, long orderId, SimulatedOrderRow spec)
    {
        var listed = spec.Sku.Length > 0;
        var combination = listed
            ? store["attributecombinations"].Values.FirstOrDefault(c =>
                c["sku_number"]?.GetValue<string>() == spec.Sku) : null;
        var productId = combination?["product_id"].Long()
                        ?? (listed ? store["products"].Values.FirstOrDefault(p =>
                            p["productnumber"]?.GetValue<string>() == spec.Sku)?["id"].Long() : null);
        var product = productId is null ? null : store.Find("products", productId.Value);
        if (product is null && spec.ProductId is null) return null;
        var price = spec.Price ?? (product?["price"].Dec() ?? 10m) + (combination?["netto_extra_price"].Dec() ?? 0);
        var selling = price - spec.Discount;
        var tax = product?["taxtariff"]?.GetValue<string>() == "reduced" ? 9 : 21;
        var name = product?["name"]?.DeepClone() ?? spec.Name ?? "Product";
        return new JsonObject
        {
            ["id"] = store.NextId(), ["order_id"] = orderId, ["product_type"] = "product",
            ["product_name"] = name, ["product_name_google"] = name.DeepClone(),
            ["product_number"] = product?["productnumber"]?.DeepClone() ?? "",
            ["sub_product_number"] = combination?["product_number"]?.DeepClone() ?? "",
            ["sub_sku_number"] = combination?["sku_number"]?.DeepClone() ?? "",
            ["sub_ean_number"] = combination?["ean_number"]?.DeepClone() ?? "",
            ["product_id"] = productId ?? spec.ProductId, ["count"] = spec.Count, ["price"] = price,
                ["product_purchase_price"] = 0,
            ["discount"] = spec.Discount, ["custom_price"] = spec.Price is not null, ["tax"] = tax, ["unit"] = "stuk",
            ["weight"] = 0.5, ["memo"] = "", ["package_id"] = 1664901, ["package_name"] = "Kartonnen doos",
            ["stock_location"] = "", ["supplier"] = "", ["user_discount"] = 0, ["original_price"] = selling,
            ["selling_price"] = selling, ["price_without_discount"] = price, ["price_without_discount_with_attributes"] = price,
            ["total_price"] = selling * spec.Count, ["total_extra_option_price"] = 0, ["price_with_attributes"] = selling,
            ["total_price_with_attributes"] = selling * spec.Count, ["attributes"] = new JsonArray(), ["uploads"] = new JsonArray(),
        };
    }

    private static string CountryName(string code) => CountryNames.GetValueOrDefault(code, code);
}
