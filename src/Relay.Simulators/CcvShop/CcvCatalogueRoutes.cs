using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>Users, categories, product↔category links, product photos and paymethods (§4.4, §4.8, §4.9, §4.11).</summary>
public static class CcvCatalogueRoutes
{
    private static readonly Dictionary<string, string> CategoryPatch = CcvApi.Fields("name", "description", "position", "show_on_website", "alias", "page_title");

    public static void MapCatalogueRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/users", (HttpContext http) => ListAll(http, "users"));
        api.MapGet("/users/{id:long}", (HttpContext http, long id) => CcvApi.Get(http, "users", id));
        api.MapGet("/paymethods", (HttpContext http) => ListAll(http, "paymethods"));

        api.MapGet("/categories", (HttpContext http) => ListAll(http, "categories"));
        api.MapGet("/categories/{id:long}", (HttpContext http, long id) => CcvApi.Get(http, "categories", id));
        api.MapPost("/categories", (HttpContext http) => Create(http, "categories", ["name"], body =>
        {
            body["parentcategory"] = body["parentcategory_id"] is { } parent ? new JsonObject { ["id"] = parent.DeepClone() } : null;
            body.Remove("parentcategory_id");
            return null;
        }));
        api.MapPatch("/categories/{id:long}", (HttpContext http, long id) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                var category = sim.Store.Find("categories", id);
                if (category is null) return CcvResult.NotFound($"categories {id}");
                return CcvApi.Patch(category, CcvApi.BodyObject(http), CategoryPatch).Error ?? CcvResult.NoContent();
            }
        });

        api.MapGet("/products/{id:long}/producttocategories", (HttpContext http, long id) => ListWhere(http, "producttocategories", "product_id", id));
        api.MapPost("/producttocategories", (HttpContext http) => Create(http, "producttocategories", ["product_id", "category_id"], body =>
        {
            var store = http.Simulator().Store;
            if (store.Find("products", body["product_id"].Long()) is null) return "Unknown product_id.";
            if (store.Find("categories", body["category_id"].Long()) is null) return "Unknown category_id.";
            body["position"] ??= 1;
            return null;
        }));
        api.MapDelete("/producttocategories/{id:long}", (HttpContext http, long id) => Delete(http, "producttocategories", id));

        api.MapGet("/products/{id:long}/productphotos", (HttpContext http, long id) => ListWhere(http, "productphotos", "product_id", id));
        api.MapPost("/products/{id:long}/productphotos", (HttpContext http, long id) => Create(http, "productphotos", ["file_type", "source"], body =>
        {
            var store = http.Simulator().Store;
            var product = store.Find("products", id);
            if (product is null) return "Unknown product.";
            byte[] image;
            try { image = Convert.FromBase64String(body["source"]!.GetValue<string>()); }
            catch (FormatException) { return "Property 'source' must be base64 without a data: prefix."; }
            var photoId = store.NextId();
            var fileName = $"{photoId}.{body["file_type"]}";
            body["id"] = photoId;
            body["product_id"] = id;
            body["filename"] = fileName;
            body["deeplink"] = $"{CcvApi.Base(http)[..^12]}/Files/ProductPhotos/{fileName}";
            body["size"] = image.Length;
            body["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image));
            store.Files[fileName] = image;
            body.Remove("source");
            body["is_mainphoto"] ??= false;
            if (body["is_mainphoto"]!.GetValue<bool>())
            {
                foreach (var other in store["productphotos"].Values.Where(p => p["product_id"].Long() == id)) other["is_mainphoto"] = false;
                product["productmainphoto"] = body["deeplink"]!.DeepClone();
            }
            return null;
        }));
        api.MapDelete("/productphotos/{id:long}", (HttpContext http, long id) => Delete(http, "productphotos", id));
    }

    private static CcvResult ListAll(HttpContext http, string kind)
    {
        var sim = http.Simulator();
        lock (sim.Store.Gate) return CcvApi.List(http, kind, sim.Store[kind].Values.ToList());
    }

    private static CcvResult ListWhere(HttpContext http, string kind, string field, long id)
    {
        var sim = http.Simulator();
        lock (sim.Store.Gate)
            return CcvApi.List(http, kind, sim.Store[kind].Values.Where(r => r[field]?.Long() == id).ToList());
    }

    /// <param name="complete">Checks and fills the new resource; returns an error message or null.</param>
    internal static CcvResult Create(HttpContext http, string kind, string[] required, Func<JsonObject, string?> complete)
    {
        var sim = http.Simulator();
        var body = CcvApi.BodyObject(http);
        if (body is null) return CcvResult.BadRequest("The body must be a JSON object.");
        foreach (var name in required)
            if (body[name] is null) return CcvResult.BadRequest($"Property '{name}' is required.");
        lock (sim.Store.Gate)
        {
            if (complete(body) is { } error) return CcvResult.BadRequest(error);
            sim.Store.Add(kind, body);
            return CcvResult.Created(CcvLinks.Show(kind, body, CcvApi.Base(http)));
        }
    }

    internal static CcvResult Delete(HttpContext http, string kind, long id)
    {
        var sim = http.Simulator();
        lock (sim.Store.Gate) return sim.Store[kind].Remove(id) ? CcvResult.NoContent() : CcvResult.NotFound($"{kind} {id}");
    }
}
