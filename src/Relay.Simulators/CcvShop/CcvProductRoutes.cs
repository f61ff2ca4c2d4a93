using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>Products, variants (attribute combinations) and the SKU lookup (§4.6, §4.7, §5.1, §5.2).</summary>
public static class CcvProductRoutes
{
    private static readonly Dictionary<string, string> ProductPatch = new(CcvApi.Fields(
        "productnumber", "eannumber", "mpnnumber", "name", "shortdescription", "description", "vatrate", "taxtariff", "price",
        "discount", "purchaseprice", "unit", "stockenabled", "stocktype", "stock", "stocklocation", "ordering_without_stock",
        "weight", "maincategory", "subcategory", "package_id", "memo", "page_title", "meta_description"))
    {
        ["active"] = "is_active", // GET shows is_active, POST/PATCH take active (§4.6)
    };

    private static readonly Dictionary<string, string> CombinationPatch = CcvApi.Fields(
        "note", "stock", "product_number", "ean_number", "sku_number", "delivery_time", "delivery_time_type", "delivery_default_text", "active");

    public static void MapProductRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/products", ListProducts);
        api.MapPost("/products", CreateProduct);
        api.MapGet("/products/{id:long}", (HttpContext http, long id) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                var product = sim.Store.Find("products", id);
                return product is null ? CcvResult.NotFound($"products {id}") : CcvResult.Ok(Show(http, product));
            }
        });
        api.MapPatch("/products/{id:long}", (HttpContext http, long id) => PatchStock(http, "products", id, ProductPatch));
        api.MapGet("/products/{id:long}/attributecombinations", (HttpContext http, long id) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                if (sim.Store.Find("products", id) is null) return CcvResult.NotFound($"products {id}");
                return CcvApi.List(http, "attributecombinations", Combinations(sim.Store, id).ToList());
            }
        });
        api.MapGet("/attributecombinations/{id:long}", (HttpContext http, long id) => CcvApi.Get(http, "attributecombinations", id));
        api.MapPatch("/attributecombinations/{id:long}", (HttpContext http, long id) => PatchStock(http, "attributecombinations", id, CombinationPatch));
        api.MapGet("/productqueries", QueryProducts);
    }

    private static IEnumerable<JsonObject> Combinations(CcvShopStore store, long productId) =>
        store["attributecombinations"].Values.Where(c => c["product_id"].Long() == productId);

    /// <summary>A product as shown, with its combinations embedded when asked with expand (§2.4).</summary>
    private static JsonObject Show(HttpContext http, JsonObject product, IEnumerable<JsonObject>? onlyCombinations = null,
        ILookup<long, JsonObject>? combinationsByProduct = null, ILookup<long, JsonObject>? linksByProduct = null)
    {
        var api = CcvApi.Base(http);
        var shown = CcvLinks.Show("products", product, api);
        var expand = http.Request.Query["expand"].ToString().Split(',', StringSplitOptions.TrimEntries);
        if (expand.Contains("attributecombinations") || onlyCombinations is not null)
        {
            var store = http.Simulator().Store;
            var combos = onlyCombinations ?? combinationsByProduct?[product["id"].Long()] ?? Combinations(store, product["id"].Long());
            shown["attributecombinations"] = new JsonObject
            {
                ["href"] = $"{api}/products/{product["id"]}/attributecombinations",
                ["collection"] = new JsonArray(combos.Select(c => (JsonNode)CcvLinks.Show("attributecombinations", c, api)).ToArray()),
            };
        }
        if (expand.Contains("producttocategories"))
        {
            var links = linksByProduct?[product["id"].Long()]
                        ?? http.Simulator().Store["producttocategories"].Values.Where(l => l["product_id"].Long() == product["id"].Long());
            shown["producttocategories"] = new JsonObject
            {
                ["href"] = $"{api}/products/{product["id"]}/producttocategories",
                ["collection"] = new JsonArray(links.Select(l => (JsonNode)CcvLinks.Show("producttocategories", l, api)).ToArray()),
            };
        }
        return shown;
    }

    private static CcvResult ListProducts(HttpContext http)
    {
        var sim = http.Simulator();
        var q = http.Request.Query;
        lock (sim.Store.Gate)
        {
            IEnumerable<JsonObject> products = sim.Store["products"].Values;
            if (q["productnumber"].Count > 0) products = products.Where(p => p["productnumber"]?.GetValue<string>() == q["productnumber"]);
            if (q["eannumber"].Count > 0) products = products.Where(p => p["eannumber"]?.GetValue<string>() == q["eannumber"]);
            if (CcvApi.Bool(q["active"]) is { } active) products = products.Where(p => p["is_active"]!.GetValue<bool>() == active);
            products = q["orderby"].ToString() switch
            {
                "id_desc" => products.OrderByDescending(p => p["id"].Long()),
                "name" => products.OrderBy(p => p["name"]!.GetValue<string>(), StringComparer.Ordinal),
                "modifydate_desc" => products.OrderByDescending(p => p["modifydate"]!.GetValue<string>(), StringComparer.Ordinal),
                _ => products.OrderBy(p => p["id"].Long()),
            };
            // Paged by id stand-ins: a stored product must not become a child of the answer's array.
            var page = CcvCollections.Page(http.Request, sim.Options, products.Select(p => new JsonObject { ["id"] = p["id"]!.DeepClone() }).ToList());
            // One pass over the combinations for the page, not one per product (a catalogue has tens of thousands).
            var combinations = sim.Store["attributecombinations"].Values.ToLookup(c => c["product_id"].Long());
            var links = sim.Store["producttocategories"].Values.ToLookup(l => l["product_id"].Long());
            page["items"] = new JsonArray(page["items"]!.AsArray()
                .Select(p => (JsonNode)Show(http, sim.Store.Find("products", p!["id"].Long())!, combinationsByProduct: combinations, linksByProduct: links)).ToArray());
            return CcvResult.Ok(page);
        }
    }

    /// <summary>
    /// Products and attribute combinations by number, EAN or SKU (§2.4, 30 a minute). The shape of a
    /// combination hit is not documented: this answers its product with only the matching combinations embedded.
    /// </summary>
    private static CcvResult QueryProducts(HttpContext http)
    {
        var sim = http.Simulator();
        var q = http.Request.Query;
        string? number = q["productnumber"], ean = q["eannumber"], sku = q["skunumber"];
        if (number is null && ean is null && sku is null)
            return CcvResult.BadRequest("At least one of productnumber, eannumber, mpnnumber or skunumber is required.");
        lock (sim.Store.Gate)
        {
            var hits = new List<JsonObject>();
            foreach (var product in sim.Store["products"].Values)
            {
                var id = product["id"].Long();
                var combos = Combinations(sim.Store, id).Where(c =>
                    (number is not null && c["product_number"]?.GetValue<string>() == number) ||
                    (ean is not null && c["ean_number"]?.GetValue<string>() == ean) ||
                    (sku is not null && c["sku_number"]?.GetValue<string>() == sku)).ToList();
                var productHit = (number is not null && product["productnumber"]?.GetValue<string>() == number) ||
                                 (ean is not null && product["eannumber"]?.GetValue<string>() == ean);
                if (combos.Count > 0) hits.Add(Show(http, product, combos));
                else if (productHit) hits.Add(Show(http, product));
            }
            return CcvResult.Ok(CcvCollections.Page(http.Request, sim.Options, hits));
        }
    }

    private static CcvResult CreateProduct(HttpContext http)
    {
        var sim = http.Simulator();
        var body = CcvApi.BodyObject(http);
        if (body is null) return CcvResult.BadRequest("The body must be a JSON object.");
        foreach (var required in new[] { "name", "price", "discount", "package_id" })
            if (body[required] is null) return CcvResult.BadRequest($"Property '{required}' is required.");
        if (body["taxtariff"] is null && body["vatrate"] is null) return CcvResult.BadRequest("Either 'taxtariff' or 'vatrate' is required.");
        JsonObject product;
        lock (sim.Store.Gate)
        {
            var now = CcvSigning.FormatDate(sim.Clock.GetUtcNow());
            product = new JsonObject
            {
                ["is_active"] = body["active"]?.DeepClone() ?? true, ["createdate"] = now, ["modifydate"] = now,
                ["productnumber"] = "", ["eannumber"] = "", ["mpnnumber"] = "", ["shortdescription"] = "", ["description"] = "",
                ["taxtariff"] = "normal", ["stockenabled"] = false, ["stocktype"] = "Product", ["stock"] = 0, ["unit"] = "stuk",
                ["productmainphoto"] = null,
            };
            foreach (var (name, value) in body) if (name != "active") product[name] = value?.DeepClone();
            sim.Store.Add("products", product);
        }
        sim.Fire("products.created", CcvWebhookBodies.Product(product["id"].Long(), CcvApi.Base(http), sim.Clock.GetUtcNow()));
        lock (sim.Store.Gate) return CcvResult.Created(Show(http, product));
    }

    private static CcvResult PatchStock(HttpContext http, string kind, long id, IReadOnlyDictionary<string, string> allowed)
    {
        var sim = http.Simulator();
        long productId;
        List<string> changed;
        lock (sim.Store.Gate)
        {
            var resource = sim.Store.Find(kind, id);
            if (resource is null) return CcvResult.NotFound($"{kind} {id}");
            var body = CcvApi.BodyObject(http);
            if (body?["stock"] is { } stock && stock.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                return CcvResult.BadRequest("Property 'stock' must be a number.");
            (changed, var error) = CcvApi.Patch(resource, body, allowed);
            if (error is not null) return error;
            if (body!["stock"] is { } written)
                lock (sim.StockWrites) sim.StockWrites.Add(new StockWrite(sim.Clock.GetUtcNow(), kind, id, written.Dec()));
            productId = kind == "products" ? id : resource["product_id"].Long();
            if (changed.Count > 0) sim.Store.Find("products", productId)!["modifydate"] = CcvSigning.FormatDate(sim.Clock.GetUtcNow());
        }
        if (changed.Count > 0) sim.Fire("products.updated", CcvWebhookBodies.Product(productId, CcvApi.Base(http), sim.Clock.GetUtcNow()));
        return CcvResult.NoContent();
    }
}
