using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// Attributes, attribute values and product attribute values (§4.7). Attaching a value to a product
/// makes the shop generate the attribute combinations it completes (one per combination of the
/// product's values, every attribute represented), as CCV does: there is no POST of combinations.
/// </summary>
public static class CcvAttributeRoutes
{
    public static void MapAttributeRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/attributes", (HttpContext http) => List(http, "attributes", _ => true));
        api.MapPost("/attributes", (HttpContext http) => CcvCatalogueRoutes.Create(http, "attributes", ["name"], body =>
        {
            body["type"] ??= "option_menu_required";
            return null;
        }));
        api.MapGet("/attributes/{id:long}/attributevalues", (HttpContext http, long id) => List(http, "attributevalues", v => v["attribute_id"].Long() == id));
        api.MapPost("/attributes/{id:long}/attributevalues", (HttpContext http, long id) => CcvCatalogueRoutes.Create(http, "attributevalues", ["name"], body =>
        {
            if (http.Simulator().Store.Find("attributes", id) is null) return "Unknown attribute.";
            body["attribute_id"] = id;
            body["default_price"] ??= 0;
            return null;
        }));
        api.MapGet("/products/{id:long}/productattributevalues", (HttpContext http, long id) => List(http, "productattributevalues", v => v["product_id"].Long() == id));
        api.MapPost("/products/{id:long}/productattributevalues", (HttpContext http, long id) => Attach(http, id));
        api.MapGet("/productattributevalues/{id:long}", (HttpContext http, long id) => CcvApi.Get(http, "productattributevalues", id));
        api.MapPatch("/productattributevalues/{id:long}", (HttpContext http, long id) => Reprice(http, id));
    }

    private static readonly Dictionary<string, string> ValuePatch = CcvApi.Fields("price", "position", "enable");

    /// <summary>A changed value price moves the extra price of every combination it is part of (§4.7: the sum of its values' prices).</summary>
    private static CcvResult Reprice(HttpContext http, long id)
    {
        var sim = http.Simulator();
        long productId;
        lock (sim.Store.Gate)
        {
            var value = sim.Store.Find("productattributevalues", id);
            if (value is null) return CcvResult.NotFound($"productattributevalues {id}");
            var body = CcvApi.BodyObject(http);
            if (body?["price"] is { } price && price.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                return CcvResult.BadRequest("Property 'price' must be a number.");
            var (changed, error) = CcvApi.Patch(value, body, ValuePatch);
            if (error is not null) return error;
            if (!changed.Contains("price")) return CcvResult.NoContent();
            productId = value["product_id"].Long();
            var prices = sim.Store["productattributevalues"].Values.Where(v => v["product_id"].Long() == productId)
                .ToDictionary(v => v["optionvalue_id"].Long(), v => v["price"].Dec());
            foreach (var combination in sim.Store["attributecombinations"].Values.Where(c => c["product_id"].Long() == productId))
            {
                var parts = combination["combination"]!.AsArray().Select(x => x!.AsObject()).ToList();
                foreach (var part in parts) part["extra_price"] = prices.GetValueOrDefault(part["attribute_value"]!["id"].Long());
                combination["netto_extra_price"] = parts.Sum(x => x["extra_price"].Dec());
            }
            sim.Store.Find("products", productId)!["modifydate"] = CcvSigning.FormatDate(sim.Clock.GetUtcNow());
        }
        sim.Fire("products.updated", CcvWebhookBodies.Product(productId, CcvApi.Base(http), sim.Clock.GetUtcNow()));
        return CcvResult.NoContent();
    }

    private static CcvResult List(HttpContext http, string kind, Func<JsonObject, bool> where)
    {
        var sim = http.Simulator();
        lock (sim.Store.Gate) return CcvApi.List(http, kind, sim.Store[kind].Values.Where(where).ToList());
    }

    private static CcvResult Attach(HttpContext http, long productId)
    {
        var sim = http.Simulator();
        var result = CcvCatalogueRoutes.Create(http, "productattributevalues", ["optionvalue", "price"], body =>
        {
            var store = sim.Store;
            if (store.Find("products", productId) is null) return "Unknown product.";
            var value = store.Find("attributevalues", body["optionvalue"].Long());
            if (value is null) return "Unknown optionvalue.";
            if (store["productattributevalues"].Values.Any(v => v["product_id"].Long() == productId && v["optionvalue_id"].Long() == value["id"].Long()))
                return "This attribute value is attached to the product already.";
            var attribute = store.Find("attributes", value["attribute_id"].Long())!;
            body["product_id"] = productId;
            body["optionid"] = attribute["id"]!.DeepClone();
            body["optionname"] = attribute["name"]!.DeepClone();
            body["optionvalue_id"] = value["id"]!.DeepClone();
            body["optionvalue_name"] = value["name"]!.DeepClone();
            body["position"] ??= 1;
            var stock = body["stock"]?.Dec() ?? 0;
            body.Remove("optionvalue");
            body.Remove("stock");
            store.Add("productattributevalues", body);
            Generate(store, productId, stock);
            return null;
        });
        return result;
    }

    /// <summary>Makes the combinations the product's values now complete; combinations missing an attribute are dropped.</summary>
    private static void Generate(CcvShopStore store, long productId, decimal stock)
    {
        var byAttribute = store["productattributevalues"].Values.Where(v => v["product_id"].Long() == productId)
            .GroupBy(v => v["optionid"].Long()).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        IEnumerable<List<JsonObject>> combos = [[]];
        foreach (var values in byAttribute) combos = combos.SelectMany(c => values.Select(v => c.Append(v).ToList()));
        var existing = store["attributecombinations"].Values.Where(c => c["product_id"].Long() == productId).ToList();
        foreach (var old in existing.Where(c => c["combination"]!.AsArray().Count != byAttribute.Count)) store["attributecombinations"].Remove(old["id"].Long());
        foreach (var combo in combos)
        {
            var ids = combo.Select(v => v["optionvalue_id"].Long()).ToHashSet();
            if (existing.Any(c => c["combination"]!.AsArray().Select(x => x!["attribute_value"]!["id"].Long()).ToHashSet().SetEquals(ids))) continue;
            store.Add("attributecombinations", new JsonObject
            {
                ["note"] = "", ["product_id"] = productId, ["stock"] = stock, ["netto_extra_price"] = combo.Sum(v => v["price"].Dec()),
                ["ordering_without_stock"] = "global_setting", ["product_number"] = "", ["ean_number"] = "", ["sku_number"] = "",
                ["delivery_time"] = 1, ["delivery_time_type"] = "days", ["delivery_default_text"] = "", ["active"] = true,
                ["combination"] = new JsonArray(combo.Select(v => (JsonNode)new JsonObject
                {
                    ["attribute"] = new JsonObject { ["id"] = v["optionid"]!.DeepClone(), ["name"] = v["optionname"]!.DeepClone() },
                    ["attribute_value"] = new JsonObject { ["id"] = v["optionvalue_id"]!.DeepClone(), ["name"] = v["optionvalue_name"]!.DeepClone() },
                    ["extra_price"] = v["price"]!.DeepClone(),
                }).ToArray()),
            });
        }
        store.Find("products", productId)!["stocktype"] = "Attribute";
    }
}
