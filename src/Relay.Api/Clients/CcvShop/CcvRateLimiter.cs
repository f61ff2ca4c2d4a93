using System.Text.RegularExpressions;
using Relay.Api.Clients;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// Keeps Relay under CCV Shop's per-endpoint, per-method limits (§2.6) for every shop, across every replica:
/// the calls made in the current window are counted in PostgreSQL (<see cref="Windows"/>), one row per
/// shop, method and endpoint. Fixed clock-minute windows, as the shop counts; a caller past the limit
/// waits for the next minute instead of provoking a 429, or, for work on a lane, is deferred to it
/// (<see cref="CcvBudget"/>).
/// </summary>
public sealed partial class CcvRateLimiter(CcvShopClientOptions options, TimeProvider clock, NpgsqlDataSource database,
    SystemContacts contacts, Infrastructure.Telemetry.RelayMetrics? metrics = null)
{
    /// <summary>The count of each window. A count lost in a database crash costs at most one window's margin.</summary>
    public static readonly Table Windows = CreateTable();

    // Takes one call of the window, or none when the window is full (no row returned). A replica whose clock is
    // behind counts against the later window another replica has opened, never resets it.
    private const string Take = """
        insert into relay.ccv_call_windows as w (bucket, minute, used) values ($1, $2, 1)
        on conflict (bucket) do update set minute = greatest(w.minute, excluded.minute),
            used = case when w.minute < excluded.minute then 1 else w.used + 1 end
        where w.minute < excluded.minute or w.used < $3
        returning used
        """;

    private static readonly string Shop = OutboundCallLog.SystemOf(CcvShopClient.HttpClientName); // metrics label

    private int _waiting;

    /// <summary>Callers of this process waiting for the next window (tests drive a fake clock by it).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task AcquireAsync(string shopKey, HttpMethod method, string path, CancellationToken ct)
    {
        var endpoint = Endpoint(path);
        var limit = Limit(method, endpoint);
        var bucket = $"{shopKey} {method.Method} {endpoint}";
        while (true)
        {
            var now = clock.GetUtcNow();
            var minute = now.ToUnixTimeSeconds() / 60;
            if (await TakeAsync(bucket, minute, limit, ct)) return;
            var next = DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60);
            await contacts.WaitedAsync(SystemContacts.CcvShopId(shopKey), next - now);
            if (CcvBudget.Deferring && next - now > CcvBudget.WaitedInPlace)
            {
                metrics?.RateLimitWait(Shop, waited: null);
                throw new CcvBudgetUsedException(next);
            }
            Interlocked.Increment(ref _waiting);
            try
            {
                await Task.Delay(next - now, clock, ct);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
            metrics?.RateLimitWait(Shop, next - now);
        }
    }

    private async Task<bool> TakeAsync(string bucket, long minute, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Not worth a disk flush: the count matters for this minute only.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new("set local synchronous_commit = off"), new(Take) },
        };
        batch.BatchCommands[1].Parameters.Add(new() { Value = bucket });
        batch.BatchCommands[1].Parameters.Add(new() { Value = minute });
        batch.BatchCommands[1].Parameters.Add(new() { Value = limit });
        var taken = await batch.ExecuteScalarAsync(ct) is not null;
        await transaction.CommitAsync(ct);
        return taken;
    }

    private static Table CreateTable()
    {
        var table = new Table("relay.ccv_call_windows");
        table.AddColumn<string>("bucket").AsPrimaryKey();
        table.AddColumn<long>("minute").NotNull();
        table.AddColumn<int>("used").NotNull();
        return table;
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
