using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.CcvShop;

/// <summary>
/// What the real API does before a handler runs: faults (simulation only), the request signature
/// (§1), the rate limits (§2.6); and after: the journal, and the "write succeeded, answer lost" fault.
/// </summary>
public sealed class CcvRequestGuard : IEndpointFilter
{
    public const string BodyItem = "ccv.body";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var sim = http.RequestServices.GetRequiredService<CcvShopSimulator>();
        var target = Target(http);
        http.Request.EnableBuffering();
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync(http.RequestAborted);
        http.Request.Body.Position = 0;
        http.Items[BodyItem] = body;

        var result = await DecideAsync(http, sim, target, body, next, context);
        var status = result is CcvResult r ? r.Status : 200;
        sim.Journal.Add(new JournalEntry(sim.Clock.GetUtcNow(), http.Request.Method, target, status, body.Length == 0 ? null : body));
        return result;
    }

    private static async ValueTask<object?> DecideAsync(HttpContext http, CcvShopSimulator sim, string target, string body,
        EndpointFilterDelegate next, EndpointFilterInvocationContext context)
    {
        var isWrite = !HttpMethods.IsGet(http.Request.Method);
        var faults = sim.Faults.Settings;
        var latency = faults.LatencyMs + (isWrite ? faults.WriteLatencyMs : 0);
        if (latency > 0) await Task.Delay(latency, http.RequestAborted);
        var fault = sim.Faults.Next(isWrite);
        switch (fault)
        {
            case FaultDecision.TooManyRequests:
                return CcvResult.Error(429, "429.10", "Each method in each resource has a limit of requests that can be made per minute.");
            case FaultDecision.Hang:
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return null;
            case FaultDecision.Error500:
                return CcvResult.Error(500, "500.00", "Internal server error (simulated).");
            case FaultDecision.Error503:
                return CcvResult.Error(503, "503.00", "Service unavailable (simulated).");
        }

        if (Authenticate(http, sim, target, body) is { } refused) return refused;

        var endpoint = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? target;
        var apiAt = endpoint.IndexOf("/api/rest/v1", StringComparison.Ordinal);
        var limited = sim.Limiter.TryAcquire(http.Request.Method, apiAt >= 0 ? endpoint[(apiAt + 12)..] : endpoint);
        if (limited is not null)
        {
            return CcvResult.Error(429, limited, limited == "429.11"
                ? "The API has a total limit of requests that can be made per minute."
                : "Each method in each resource has a limit of requests that can be made per minute.");
        }

        var result = await next(context);
        if (fault == FaultDecision.SucceedThen500) return CcvResult.Error(500, "500.00", "Internal server error (simulated, after the write was done).");
        return result;
    }

    /// <summary>
    /// Path and query exactly as sent: the signed string (§1.2). In-memory test servers may leave the raw
    /// target empty or without its query; the request's own parts stand in then.
    /// </summary>
    public static string Target(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return string.IsNullOrEmpty(raw) || !raw.StartsWith('/') || (http.Request.QueryString.HasValue && !raw.Contains('?'))
            ? $"{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}"
            : raw;
    }

    private static CcvResult? Authenticate(HttpContext http, CcvShopSimulator sim, string target, string body)
    {
        var options = sim.Options;
        var publicKey = http.Request.Headers["x-public"].ToString();
        var date = http.Request.Headers["x-date"].ToString();
        var hash = http.Request.Headers["x-hash"].ToString();
        if (publicKey.Length == 0 || date.Length == 0 || hash.Length == 0)
            return CcvResult.Error(options.AuthFailureStatus, $"{options.AuthFailureStatus}.10", "Missing x-public, x-date or x-hash header.");
        if (publicKey != options.PublicKey)
            return CcvResult.Error(options.AuthFailureStatus, $"{options.AuthFailureStatus}.11", "Unknown public key.");
        if (!CcvSigning.TryParseDate(date, out var at))
            return CcvResult.Error(options.AuthFailureStatus, $"{options.AuthFailureStatus}.12", "x-date is not a valid ISO-8601 date.");
        if ((sim.Clock.GetUtcNow() - at).Duration() > options.MaxClockSkew)
            return CcvResult.Error(options.AuthFailureStatus, $"{options.AuthFailureStatus}.13", "x-date is too far from the server time.");
        var expected = CcvSigning.Hash(options.SecretKey, publicKey, http.Request.Method, target, body, date);
        // Hex case: the server's comparison is unknown (§1.2); accept either case.
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(hash.ToLowerInvariant()));
        return matches ? null : CcvResult.Error(options.AuthFailureStatus, $"{options.AuthFailureStatus}.14", "x-hash does not match the request.");
    }
}
