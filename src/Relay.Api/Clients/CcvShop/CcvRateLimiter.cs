using System.Text.RegularExpressions;

namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// Keeps Relay under CCV Shop's per-endpoint, per-method limits (§2.6) for every shop, shared by all
/// work in this process. Fixed clock-minute windows, as the shop counts; a caller past the limit waits
/// for the next minute instead of provoking a 429.
/// </summary>
public sealed partial class CcvRateLimiter(CcvShopClientOptions options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Window, int Used)> _buckets = [];
    private int _waiting;

    /// <summary>Forgets what was used in the current windows (a test whose clock starts over).</summary>
    public void Reset()
    {
        lock (_gate) _buckets.Clear();
    }

    /// <summary>Callers waiting for the next window (tests drive a fake clock by it).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task AcquireAsync(string shopKey, HttpMethod method, string path, CancellationToken ct)
    {
        var endpoint = Endpoint(path);
        var limit = Limit(method, endpoint);
        var key = $"{shopKey} {method.Method} {endpoint}";
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                var window = now.ToUnixTimeSeconds() / 60;
                var bucket = _buckets.GetValueOrDefault(key);
                if (bucket.Window != window) bucket = (window, 0);
                if (bucket.Used < limit)
                {
                    _buckets[key] = (window, bucket.Used + 1);
                    return;
                }
                wait = DateTimeOffset.FromUnixTimeSeconds((window + 1) * 60) - now;
            }
            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(wait, clock, ct);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    /// <summary>The shop counts per route: /api/rest/v1/products/123/ counts as products/{id}.</summary>
    public static string Endpoint(string path)
    {
        var at = path.IndexOf("/api/rest/v1", StringComparison.Ordinal);
        var relative = (at >= 0 ? path[(at + 12)..] : path).Split('?')[0].TrimEnd('/');
        return Number().Replace(relative, "/{id}");
    }

    private int Limit(HttpMethod method, string endpoint) =>
        endpoint.StartsWith("/productqueries", StringComparison.Ordinal) ? options.ProductQueriesPerMinute
        : method == HttpMethod.Get ? options.ReadsPerMinute
        : options.WritesPerMinute;

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex Number();
}

/// <summary>
/// Takes a rate-limit slot before a call enters the resilience pipeline, so waiting for the next
/// minute never counts against a timeout; each retry takes another slot (see <see cref="TakeSlotForRetryAsync"/>).
/// </summary>
public sealed class CcvRateLimitHandler(CcvRateLimiter limiter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        await limiter.AcquireAsync(Shop(request).ShopKey, request.Method, request.RequestUri!.AbsolutePath, ct);
        return await base.SendAsync(request, ct);
    }

    /// <summary>A retry is one more request to the shop: it uses up a slot too (waiting for one if need be).</summary>
    public static async ValueTask TakeSlotForRetryAsync(CcvRateLimiter limiter, HttpRequestMessage request, CancellationToken ct) =>
        await limiter.AcquireAsync(Shop(request).ShopKey, request.Method, request.RequestUri!.AbsolutePath, ct);

    private static CcvShopAccess Shop(HttpRequestMessage request) =>
        request.Options.TryGetValue(CcvSigningHandler.AccessKey, out var a) ? a : throw new InvalidOperationException("No shop access on the request.");
}
