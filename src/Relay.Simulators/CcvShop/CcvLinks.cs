using System.Text.Json.Nodes;

namespace Relay.Simulators.CcvShop;

/// <summary>Adds the absolute links a shown resource carries (§4, §6): its href, sub-collections and parent.</summary>
public static class CcvLinks
{
    public static JsonObject Show(string kind, JsonObject stored, string api)
    {
        var r = (JsonObject)stored.DeepClone();
        var id = r["id"].Long();
        var self = $"{api}/{kind}/{id}";
        r["href"] = self;
        switch (kind)
        {
            case "orders":
                foreach (var sub in new[] { "orderrows", "ordernotes", "ordermessages", "ordernotifications", "orderlabels", "invoices" })
                    r[sub] = new JsonObject { ["href"] = $"{self}/{sub}" };
                break;
            case "orderrows":
                r["product_href"] = $"{api}/products/{r["product_id"]}";
                r["parent"] = new JsonObject { ["href"] = $"{api}/orders/{r["order_id"]}" };
                break;
            case "products":
                foreach (var sub in new[] { "productphotos", "producttocategories", "attributecombinations" })
                    r[sub] ??= new JsonObject { ["href"] = $"{self}/{sub}" };
                break;
            case "attributecombinations":
                r["parent"] = new JsonObject { ["href"] = $"{api}/products/{r["product_id"]}/attributecombinations" };
                break;
            case "producttocategories":
                r["product_href"] = $"{api}/products/{r["product_id"]}";
                r["category_href"] = $"{api}/categories/{r["category_id"]}";
                break;
            case "productphotos":
                r["parent"] = new JsonObject { ["href"] = $"{api}/products/{r["product_id"]}/productphotos" };
                break;
            default:
                r["parent"] = new JsonObject { ["href"] = $"{api}/{kind}" };
                break;
        }
        return r;
    }
}
