using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// POST /orders (ccvshop-api.md §4.1): the order fields of a PATCH plus is_completed, user_id, customer and orderrows
/// (the latter two required), rows by product_id (and attribute_combination_id) with count and price. Unknown
/// members are refused, as everywhere. The shop fires orders.created.
/// </summary>
public static class CcvOrderCreation
{
    private static readonly HashSet<string> Top =
    [
        "invoicenumber", "paid", "safety_deposit_returned", "total_shipping", "paymethod_costs", "extra_costs",
        "extra_costs_description", "taxes_included", "order_row_taxes_included", "shipping_taxes_included",
        "is_intra_community_order", "currency", "is_platform_sale", "orderedinlng", "status", "note",
        "track_and_trace_code", "track_and_trace_carrier", "mail", "deliver_date", "deliver_method", "takeoutslot",
        "reservationnumber", "customer", "orderrows", "is_completed", "user_id",
    ];

    private static readonly HashSet<string> Row =
    [
        "product_type", "auto_create_deposit_rows", "product_id", "product_name", "product_number", "count", "price",
        "product_purchase_price", "discount", "tax", "unit", "weight", "memo", "package_id", "attribute_combination_id",
    ];

    private static readonly HashSet<string> Customer = ["email", "customertype", "billingaddress", "deliveryaddress",
        "btw", "kvk", "reference", "reservationnumber"];

    private static readonly HashSet<string> Address = ["gender", "initials", "first_name", "last_name", "full_name",
        "company", "address_line_1", "address_line_2", "street", "housenumber", "housenumber_suffix", "zipcode", "city",
        "province", "country", "country_code", "telephone", "fax", "mobile", "comment"];

    public static CcvResult Create(HttpContext http)
    {
        var sim = http.Simulator();
        var body = CcvApi.BodyObject(http);
        if (body is null) return CcvResult.BadRequest("The body must be a JSON object.");
        var unknown = Unknown(body, Top, "") ?? Unknown(body["customer"] as JsonObject, Customer, "customer.")
            ?? Unknown(body["customer"]?["billingaddress"] as JsonObject, Address, "customer.billingaddress.");
        if (unknown is not null) return CcvResult.BadRequest($"Property '{unknown}' is not allowed.");
        if (body["customer"] is not JsonObject customer || body["orderrows"] is not JsonArray { Count: > 0 } rows)
            return CcvResult.BadRequest("customer and orderrows are required.");
        JsonObject placed;
        lock (sim.Store.Gate)
        {
            var specRows = new List<SimulatedOrderRow>();
            foreach (var row in rows.OfType<JsonObject>())
            {
                if (Unknown(row, Row, "orderrows[].") is { } field)
                    return CcvResult.BadRequest($"Property '{field}' is not allowed.");
                if (row["count"] is null) return CcvResult.BadRequest("orderrows[].count is required.");
                if (SkuOf(sim.Store, row) is not { } sku)
                    return CcvResult.BadRequest("orderrows[].product_id names no product (or variant) of the shop.");
                specRows.Add(new SimulatedOrderRow(sku, row["count"].Dec(), row["price"]?.Dec(),
                    row["discount"]?.Dec() ?? 0));
            }
            var billing = customer["billingaddress"] as JsonObject ?? [];
            var spec = new SimulatedOrder(customer["email"]?.GetValue<string>() ?? "",
                Text(billing, "first_name"), Text(billing, "last_name"), specRows,
                Company: Text(billing, "company") is { Length: > 0 } company ? company : null,
                Street: Text(billing, "address_line_1"), HouseNumber: null, Zipcode: Text(billing, "zipcode"),
                City: Text(billing, "city"), CountryCode: Text(billing, "country_code") is { Length: 2 } country
                    ? country : "NL",
                Paid: body["paid"]?.GetValue<bool>() ?? false, Status: body["status"]?.Int() ?? 1,
                Shipping: body["total_shipping"]?.Dec() ?? 0);
            var (order, error) = CcvOrders.Place(sim.Store, spec, sim.Clock.GetUtcNow());
            if (order is null) return CcvResult.BadRequest(error!);
            order["reservationnumber"] = body["reservationnumber"]?.DeepClone() ?? "";
            placed = (JsonObject)order.DeepClone();
        }
        sim.Fire("orders.created", CcvWebhookBodies.Order(placed, CcvApi.Base(http), sim.Clock.GetUtcNow()));
        return CcvResult.Created(CcvLinks.Show("orders", placed, CcvApi.Base(http)));
    }

    private static string? Unknown(JsonObject? o, HashSet<string> allowed, string at) =>
        o?.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } k ? at + k : null;

    private static string Text(JsonObject o, string name) => o[name]?.GetValue<string>() ?? "";

    /// <summary>The number a row's product (or variant) is known by, as the control API's orders name it.</summary>
    private static string? SkuOf(CcvShopStore store, JsonObject row)
    {
        if (row["attribute_combination_id"] is { } c)
            return store.Find("attributecombinations", c.Long())?["sku_number"]?.GetValue<string>();
        return row["product_id"] is { } p
            ? store.Find("products", p.Long())?["productnumber"]?.GetValue<string>() : null;
    }
}
