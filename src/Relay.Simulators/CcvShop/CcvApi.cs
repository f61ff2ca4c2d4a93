using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>The imitated REST API under {prefix}/api/rest/v1, and the helpers its handlers share.</summary>
public static class CcvApi
{
    public static RouteGroupBuilder MapCcvShopApi(this IEndpointRouteBuilder routes, string prefix = "")
    {
        var api = routes.MapGroup($"{prefix}/api/rest/v1").AddEndpointFilter<CcvRequestGuard>().ExcludeFromDescription();
        api.MapGet("/", (HttpContext http) => CcvResult.Ok(new JsonObject
        {
            ["items"] = new JsonArray(CcvShopStore.Kinds.Select(k => (JsonNode)new JsonObject
                { ["href"] = $"{Base(http)}/{k}", ["title"] = k, ["uri"] = $"/api/rest/v1/{k}" }).ToArray()),
        }));
        api.MapOrderRoutes();
        api.MapProductRoutes();
        api.MapCatalogueRoutes();
        api.MapAttributeRoutes();
        api.MapWebhookRoutes();
        return api;
    }

    /// <summary>Uploaded photos, public as on a real shop (the deeplink of a product photo, §4.8).</summary>
    public static IEndpointRouteBuilder MapCcvShopFiles(this IEndpointRouteBuilder routes, string prefix = "")
    {
        routes.MapGet($"{prefix}/Files/ProductPhotos/{{name}}", (HttpContext http, string name) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
                return sim.Store.Files.TryGetValue(name, out var file) ? Results.File(file, "image/" + Path.GetExtension(name).TrimStart('.')) : Results.NotFound();
        }).ExcludeFromDescription();
        return routes;
    }

    /// <summary>The absolute API root as this request reached it, for links (§2.3: links are absolute).</summary>
    public static string Base(HttpContext http)
    {
        var path = $"{http.Request.PathBase}{http.Request.Path}";
        var at = path.IndexOf("/api/rest/v1", StringComparison.Ordinal);
        return $"{http.Request.Scheme}://{http.Request.Host}{path[..(at + 12)]}";
    }

    public static CcvShopSimulator Simulator(this HttpContext http) => http.RequestServices.GetRequiredService<CcvShopSimulator>();

    /// <returns>The JSON object body, or null when the body is not one.</returns>
    public static JsonObject? BodyObject(HttpContext http)
    {
        try
        {
            return JsonNode.Parse((string)http.Items[CcvRequestGuard.BodyItem]!) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static CcvResult List(HttpContext http, string kind, IEnumerable<JsonObject> items) =>
        CcvResult.Ok(CcvCollections.Page(http.Request, http.Simulator().Options, items.Select(i => CcvLinks.Show(kind, i, Base(http))).ToList()));

    public static CcvResult Get(HttpContext http, string kind, long id)
    {
        var sim = http.Simulator();
        lock (sim.Store.Gate)
        {
            var resource = sim.Store.Find(kind, id);
            return resource is null ? CcvResult.NotFound($"{kind} {id}") : CcvResult.Ok(CcvLinks.Show(kind, resource, Base(http)));
        }
    }

    /// <summary>Applies a PATCH body: only the listed fields, each renamed where the API renames it.</summary>
    /// <returns>The names of the fields that changed, or an error.</returns>
    public static (List<string> Changed, CcvResult? Error) Patch(JsonObject resource, JsonObject? body, IReadOnlyDictionary<string, string> allowed)
    {
        if (body is null) return ([], CcvResult.BadRequest("The body must be a JSON object."));
        foreach (var (name, _) in body)
            if (!allowed.ContainsKey(name)) return ([], CcvResult.BadRequest($"Property '{name}' is not allowed in this PATCH."));
        var changed = new List<string>();
        foreach (var (name, value) in body)
        {
            var target = allowed[name];
            if (JsonNode.DeepEquals(resource[target], value)) continue;
            resource[target] = value?.DeepClone();
            changed.Add(target);
        }
        return (changed, null);
    }

    public static Dictionary<string, string> Fields(params string[] names) => names.ToDictionary(n => n, n => n);

    public static bool? Bool(string? value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
