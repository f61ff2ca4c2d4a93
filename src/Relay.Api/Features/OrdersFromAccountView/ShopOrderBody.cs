using System.Text.Json.Nodes;
using Relay.Domain.OrdersFromAccountView;

namespace Relay.Api.Features.OrdersFromAccountView;

/// <summary>
/// The POST /orders body (ccvshop-api.md §4.1): the customer as Personalinfo (§4.3) from the debtor, rows by product
/// (and variant) id with AccountView's price, the reference in reservationnumber, and the status.
/// </summary>
public static class ShopOrderBody
{
    public static JsonObject From(ShopOrderDraft draft)
    {
        var c = draft.Customer;
        var (first, last) = Names(c.Contact ?? c.Name);
        var billing = new JsonObject
        {
            ["first_name"] = first, ["last_name"] = last,
            ["company"] = c.Contact is null ? "" : c.Name,
            ["address_line_1"] = c.Address ?? "", ["zipcode"] = c.Zipcode ?? "", ["city"] = c.City ?? "",
            ["country_code"] = c.CountryCode ?? "NL", ["telephone"] = c.Phone ?? "",
        };
        var rows = new JsonArray(draft.Rows.Select(r =>
        {
            var row = new JsonObject { ["product_id"] = r.Article.ProductId, ["count"] = r.Count, ["price"] = r.Price };
            if (r.Article.CombinationId is { } combination) row["attribute_combination_id"] = combination;
            return (JsonNode)row;
        }).ToArray());
        return new JsonObject
        {
            ["status"] = draft.Status,
            ["reservationnumber"] = draft.Reference,
            ["total_shipping"] = draft.Shipping,
            ["customer"] = new JsonObject { ["email"] = c.Email, ["billingaddress"] = billing },
            ["orderrows"] = rows,
        };
    }

    /// <summary>AccountView keeps one name (ACCT_NAME, or the contact MAIN_CONT); the shop wants first and
    /// last.</summary>
    private static (string First, string Last) Names(string name)
    {
        var space = name.Trim().IndexOf(' ');
        return space < 0 ? ("", name.Trim()) : (name[..space].Trim(), name[(space + 1)..].Trim());
    }
}
