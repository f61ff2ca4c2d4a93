namespace Relay.Simulators.CcvShop;

/// <summary>
/// Per endpoint and method per minute, plus an optional total (ccvshop-api.md §2.6). The window
/// semantics are unknown; this uses fixed clock minutes, the simplest reading of "per minute".
/// </summary>
public sealed class CcvShopRateLimits(CcvShopOptions options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _counts = [];
    private long _window = -1;
    private int _total;

    /// <returns>null when allowed, else the 429 code: 429.10 (endpoint) or 429.11 (total).</returns>
    public string? TryAcquire(string method, string endpoint)
    {
        lock (_gate)
        {
            var window = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
            if (window != _window)
            {
                _window = window;
                _counts.Clear();
                _total = 0;
            }
            var key = $"{method} {endpoint}";
            var limit = Limit(method, endpoint);
            var used = _counts.GetValueOrDefault(key);
            if (used >= limit) return "429.10";
            if (options.TotalPerMinute > 0 && _total >= options.TotalPerMinute) return "429.11";
            _counts[key] = used + 1;
            _total++;
            return null;
        }
    }

    /// <summary>Starts the counts over (a reset shop, perhaps on a clock that shows the same minute again).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _window = -1;
            _counts.Clear();
            _total = 0;
        }
    }

    /// <summary>Seconds until the current window ends.</summary>
    public int SecondsLeftInWindow() => 60 - (int)(clock.GetUtcNow().ToUnixTimeSeconds() % 60);

    private int Limit(string method, string endpoint) =>
        endpoint.StartsWith("/productqueries", StringComparison.Ordinal) ? options.ProductQueriesPerMinute
        : method == "GET" ? options.ReadsPerMinute
        : options.WritesPerMinute;
}
