using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Relay.Simulators.CcvShop;

/// <summary>Orders and order rows (§4.1, §4.5, §5.3).</summary>
public static class CcvOrderRoutes
{
    private static readonly Dictionary<string, string> PatchFields = CcvApi.Fields(
        "invoicenumber", "paid", "safety_deposit_returned", "total_shipping", "paymethod_costs", "extra_costs",
        "extra_costs_description", "status", "note", "track_and_trace_code", "track_and_trace_carrier", "mail",
        "deliver_date", "deliver_method", "reservationnumber");

    public static void MapOrderRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/orders", ListOrders);
        api.MapGet("/orders/{id:long}", GetOrder);
        api.MapPatch("/orders/{id:long}", PatchOrder);
        api.MapPost("/orders", CcvOrderCreation.Create);
        api.MapGet("/orders/{id:long}/ordernotes", (HttpContext http, long id) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                if (sim.Store.Find("orders", id) is null) return CcvResult.NotFound($"orders {id}");
                return CcvApi.List(http, "ordernotes",
                    sim.Store["ordernotes"].Values.Where(n => n["order_id"].Long() == id).ToList());
            }
        });
        api.MapPost("/orders/{id:long}/ordernotes", AddNote);
        api.MapGet("/orders/{id:long}/orderrows", (HttpContext http, long id) =>
        {
            var sim = http.Simulator();
            lock (sim.Store.Gate)
            {
                if (sim.Store.Find("orders", id) is null) return CcvResult.NotFound($"orders {id}");
                return CcvApi.List(http, "orderrows", sim.Store["orderrows"].Values.Where(r => r["order_id"].Long() == id).ToList());
            }
        });
        api.MapGet("/orderrows/{id:long}", (HttpContext http, long id) => CcvApi.Get(http, "orderrows", id));
    }

    /// <summary>An order; with expand=orderrows its rows come embedded as {href, collection} (§2.4).</summary>
    private static CcvResult GetOrder(HttpContext http, long id)
    {
        var sim = http.Simulator();
        if (!http.Request.Query["expand"].ToString().Split(',', StringSplitOptions.TrimEntries).Contains("orderrows"))
            return CcvApi.Get(http, "orders", id);
        lock (sim.Store.Gate)
        {
            if (sim.Store.Find("orders", id) is not { } stored) return CcvResult.NotFound($"orders {id}");
            var api = CcvApi.Base(http);
            var order = CcvLinks.Show("orders", stored, api);
            var rows = sim.Store["orderrows"].Values.Where(r => r["order_id"].Long() == id).OrderBy(r => r["id"].Long())
                .Select(r => (JsonNode)CcvLinks.Show("orderrows", r, api)).ToArray();
            order["orderrows"] = new JsonObject { ["href"] = $"{api}/orders/{id}/orderrows",
                ["collection"] = new JsonArray(rows) };
            return CcvResult.Ok(order);
        }
    }

    private static CcvResult ListOrders(HttpContext http)
    {
        var sim = http.Simulator();
        var q = http.Request.Query;
        lock (sim.Store.Gate)
        {
            IEnumerable<JsonObject> orders = sim.Store["orders"].Values;
            // is_completed defaults to true (§2.4).
            var completed = CcvApi.Bool(q["is_completed"]) ?? true;
            orders = orders.Where(o => (o["is_completed"]?.GetValue<bool>() ?? true) == completed);
            if (int.TryParse(q["status"], out var status)) orders = orders.Where(o => o["status"]?.Int() == status);
            if (CcvApi.Bool(q["is_paid"]) is { } paid) orders = orders.Where(o => o["paid"]!.GetValue<bool>() == paid);
            if (long.TryParse(q["ordernumber"], out var number)) orders = orders.Where(o => o["ordernumber"]?.Long() == number);
            if (DateTimeOffset.TryParse(q["min_create_date"], out var min)) orders = orders.Where(o => Created(o) >= min);
            if (DateTimeOffset.TryParse(q["max_create_date"], out var max)) orders = orders.Where(o => Created(o) <= max);
            orders = q["orderby"].ToString() switch
            {
                "id_desc" => orders.OrderByDescending(o => o["id"].Long()),
                "ordernumber" => orders.OrderBy(o => o["ordernumber"]?.Long()),
                "ordernumber_desc" => orders.OrderByDescending(o => o["ordernumber"]?.Long()),
                "create_date" => orders.OrderBy(Created),
                "create_date_desc" => orders.OrderByDescending(Created),
                _ => orders.OrderBy(o => o["id"].Long()),
            };
            return CcvApi.List(http, "orders", orders.ToList());
        }
    }

    private static DateTimeOffset Created(JsonObject order) => DateTimeOffset.Parse(order["create_date"]!.GetValue<string>());

    private static CcvResult PatchOrder(HttpContext http, long id)
    {
        var sim = http.Simulator();
        List<string> changed;
        JsonObject summary;
        lock (sim.Store.Gate)
        {
            var order = sim.Store.Find("orders", id);
            if (order is null) return CcvResult.NotFound($"orders {id}");
            var previous = order["status"]?.DeepClone();
            (changed, var error) = CcvApi.Patch(order, CcvApi.BodyObject(http), PatchFields);
            if (error is not null) return error;
            order.Remove("note");
            order.Remove("mail");
            summary = CcvWebhookBodies.Order(order, CcvApi.Base(http), sim.Clock.GetUtcNow());
            if (changed.Contains("status")) summary["previous_status"] = previous;
        }
        // A PATCH fires the matching events (§5.3: [R], likely).
        if (changed.Contains("status")) sim.Fire("orders.updated.status", WithField(summary, "status", http));
        if (changed.Contains("paid")) sim.Fire("orders.updated.ispaid", WithField(summary, "paid", http));
        if (changed.Contains("track_and_trace_code")) sim.Fire("orders.updated.trackandtrace", WithField(summary, "track_and_trace_code", http));
        return CcvResult.NoContent();
    }

    /// <summary>§4.10: {note} only.</summary>
    private static CcvResult AddNote(HttpContext http, long id)
    {
        var sim = http.Simulator();
        var body = CcvApi.BodyObject(http);
        if (body is null || body.Any(p => p.Key != "note")
            || body["note"]?.GetValue<string>() is not { Length: > 0 } text)
            return CcvResult.BadRequest("The body is {\"note\": \"…\"}, and nothing else.");
        lock (sim.Store.Gate)
        {
            if (sim.Store.Find("orders", id) is null) return CcvResult.NotFound($"orders {id}");
            var note = new JsonObject
            {
                ["id"] = sim.Store.NextId(), ["order_id"] = id, ["note"] = text, ["type"] = "internal",
                ["create_date"] = CcvSigning.FormatDate(sim.Clock.GetUtcNow()),
            };
            sim.Store.Add("ordernotes", note);
            return CcvResult.Created(CcvLinks.Show("ordernotes", note, CcvApi.Base(http)));
        }
    }

    private static JsonObject WithField(JsonObject summary, string field, HttpContext http)
    {
        var copy = (JsonObject)summary.DeepClone();
        copy[field] = CcvApi.BodyObject(http)![field]?.DeepClone();
        if (field != "status") copy.Remove("previous_status");
        return copy;
    }
}
