using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>Webhook registrations (§3.1): POST answers the resource with its generated key.</summary>
public static class CcvWebhookRoutes
{
    private static readonly Dictionary<string, string> PatchFields = CcvApi.Fields("address", "is_active");

    public static void MapWebhookRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/webhooks", (HttpContext http) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate) return CcvApi.List(http, "webhooks", sim.Store["webhooks"].Values.ToList());
        });
        api.MapGet("/webhooks/{id:long}", (HttpContext http, long id) => CcvApi.Get(http, "webhooks", id));
        api.MapPost("/webhooks", (HttpContext http) => CcvCatalogueRoutes.Create(http, "webhooks", ["event", "address"], body =>
        {
            if (!Uri.TryCreate(body["address"]!.GetValue<string>(), UriKind.Absolute, out _)) return "Property 'address' must be an absolute URL.";
            body["key"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            body["is_active"] ??= true;
            body["createdate"] = CcvSigning.FormatDate(http.Simulator().Clock.GetUtcNow());
            return null;
        }));
        api.MapPatch("/webhooks/{id:long}", (HttpContext http, long id) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                var hook = sim.Store.Find("webhooks", id);
                if (hook is null) return CcvResult.NotFound($"webhooks {id}");
                return CcvApi.Patch(hook, CcvApi.BodyObject(http), PatchFields).Error ?? CcvResult.NoContent();
            }
        });
        api.MapDelete("/webhooks/{id:long}", (HttpContext http, long id) => CcvCatalogueRoutes.Delete(http, "webhooks", id));
    }
}
