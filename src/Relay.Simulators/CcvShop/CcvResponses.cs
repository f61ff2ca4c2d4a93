using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// Every answer of the imitated API goes through here so that successful ones carry x-date/x-hash
/// (ccvshop-api.md §1.5) and errors have the §2.5 shape.
/// </summary>
public sealed class CcvResult(int status, JsonNode? body) : IResult
{
    // PHP's json_encode escapes slashes (§7.9); System.Text.Json's default encoder does not, which is
    // fine for a client that parses JSON rather than comparing bytes.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public int Status => status;

    public async Task ExecuteAsync(HttpContext http)
    {
        var simulator = http.RequestServices.GetRequiredService<CcvShopSimulator>();
        var text = body is null ? "" : body.ToJsonString(Json);
        http.Response.StatusCode = status;
        if (status is >= 200 and < 300)
        {
            var date = CcvSigning.FormatDate(simulator.Clock.GetUtcNow());
            var target = CcvRequestGuard.Target(http);
            http.Response.Headers["x-date"] = date;
            http.Response.Headers["x-hash"] = CcvSigning.Hash(simulator.Options.SecretKey, simulator.Options.PublicKey,
                http.Request.Method, target, text, date);
        }
        if (body is null) return;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(text, Encoding.UTF8);
    }

    public static CcvResult Ok(JsonNode body) => new(200, body);
    public static CcvResult Created(JsonNode body) => new(201, body);
    public static CcvResult NoContent() => new(204, null);

    public static CcvResult Error(int status, string code, string message) =>
        new(status, new JsonObject { ["code"] = code, ["status"] = status, ["developermessage"] = message });

    public static CcvResult NotFound(string what) => Error(404, "404.20", $"{what} not found.");
    public static CcvResult BadRequest(string message) => Error(400, "400.10", message);
}

/// <summary>Collections: href/start/size/first/previous/next/items with absolute links (§2.3).</summary>
public static class CcvCollections
{
    public static JsonObject Page(HttpRequest request, CcvShopOptions options, IReadOnlyList<JsonObject> all)
    {
        var start = Math.Max(0, ParseInt(request.Query["start"], 0));
        var size = Math.Clamp(ParseInt(request.Query["size"], options.DefaultPageSize), 1, options.MaxPageSize);
        var items = all.Skip(start).Take(size).Select(i => (JsonNode)i).ToArray();
        return new JsonObject
        {
            ["href"] = Link(request, start, size),
            ["start"] = start,
            ["size"] = size,
            ["first"] = Link(request, 0, size),
            ["previous"] = start > 0 ? Link(request, Math.Max(0, start - size), size) : null,
            ["next"] = start + size < all.Count ? Link(request, start + size, size) : null,
            ["items"] = new JsonArray(items),
        };
    }

    private static int ParseInt(string? value, int fallback) => int.TryParse(value, out var n) ? n : fallback;

    /// <summary>The original query with a new start and size, as an absolute URL.</summary>
    private static string Link(HttpRequest request, int start, int size)
    {
        var query = request.Query.Where(q => q.Key is not ("start" or "size"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Prepend($"size={size}").Prepend($"start={start}");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', query)}";
    }
}
