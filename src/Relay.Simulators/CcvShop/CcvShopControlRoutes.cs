using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// The control API of the simulated shop, under {prefix}/__control: not part of CCV's API. It acts as
/// the merchant and the shoppers (placing and changing orders, editing products, which fires webhooks),
/// reads back what was written, and sets faults.
/// </summary>
public static class CcvShopControlRoutes
{
    public static RouteGroupBuilder MapCcvShopControl(this IEndpointRouteBuilder routes, string prefix = "")
    {
        var control = routes.MapGroup($"{prefix}/__control").ExcludeFromDescription();

        control.MapPost("/orders", (HttpContext http, SimulatedOrder order) =>
        {
            var (placed, error) = http.Simulator().PlaceOrder(order, Api(http));
            return placed is null ? Results.Problem(error, statusCode: 400)
                : Results.Text(placed.ToJsonString(), "application/json", statusCode: 201);
        });

        control.MapPatch("/orders/{id:long}", (HttpContext http, long id, OrderChange change) =>
        {
            var sim = http.Simulator();
            var events = new List<(string Event, JsonObject Body)>();
            lock (sim.Store.Gate)
            {
                var order = sim.Store.Find("orders", id);
                if (order is null) return Results.NotFound();
                var summary = CcvWebhookBodies.Order(order, Api(http), sim.Clock.GetUtcNow());
                if (change.Status is { } status && status != order["status"]?.Int())
                {
                    var body = (JsonObject)summary.DeepClone();
                    body["previous_status"] = order["status"]?.DeepClone();
                    body["status"] = status;
                    order["status"] = status;
                    events.Add(("orders.updated.status", body));
                }
                if (change.Paid is { } paid && paid != order["paid"]!.GetValue<bool>())
                {
                    var body = (JsonObject)summary.DeepClone();
                    body["paid"] = paid;
                    order["paid"] = paid;
                    events.Add(("orders.updated.ispaid", body));
                }
            }
            foreach (var (name, body) in events) sim.Fire(name, body);
            return Results.NoContent();
        });

        control.MapPatch("/products/{id:long}", (HttpContext http, long id, JsonObject fields) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                var product = sim.Store.Find("products", id);
                if (product is null) return Results.NotFound();
                foreach (var (name, value) in fields) product[name] = value?.DeepClone();
                product["modifydate"] = CcvSigning.FormatDate(sim.Clock.GetUtcNow());
            }
            sim.Fire("products.updated", CcvWebhookBodies.Product(id, Api(http), sim.Clock.GetUtcNow()));
            return Results.NoContent();
        });

        control.MapGet("/stock-writes", (HttpContext http) =>
        {
            var sim = http.Simulator();
            lock (sim.StockWrites) return Results.Ok(sim.StockWrites.ToList());
        });
        control.MapCommonControl(http => http.Simulator());
        return control;
    }

    /// <summary>The imitated API's root beside this control API, for the links in webhook bodies.</summary>
    private static string Api(HttpContext http)
    {
        var path = $"{http.Request.PathBase}{http.Request.Path}";
        return $"{http.Request.Scheme}://{http.Request.Host}{path[..path.IndexOf("/__control", StringComparison.Ordinal)]}/api/rest/v1";
    }

    public sealed record OrderChange(int? Status, bool? Paid);
}
