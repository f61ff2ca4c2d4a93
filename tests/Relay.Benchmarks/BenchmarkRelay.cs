using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Relay.Benchmarks;

/// <summary>
/// Relay as users run it, for a benchmark: its own process on a fresh embedded PostgreSQL (fsync on) with
/// the sandbox simulators, configured through environment variables; killed and cleaned up afterwards.
/// </summary>
public sealed class BenchmarkRelay : IAsyncDisposable
{
    private const string Key = "bench-admin-key-0123456789";
    private readonly Drills.RelayReplica _relay;
    private readonly string _data;

    private BenchmarkRelay(Drills.RelayReplica relay, string data)
    {
        _relay = relay;
        _data = data;
        Http = new HttpClient { BaseAddress = new Uri(relay.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        AppDomain.CurrentDomain.ProcessExit += StopPostgresOnExit; // ended by a signal: no DisposeAsync
    }

    /// <summary>Admin and sandbox calls, with the admin key.</summary>
    public HttpClient Http { get; }

    public string BaseUrl => _relay.BaseUrl;

    /// <summary>Relay's process id, for /proc.</summary>
    public int ProcessId => _relay.ProcessId;

    /// <summary>The embedded PostgreSQL's data directory (Relay:EmbeddedPostgres:DataDirectory).</summary>
    public string DataDirectory => _data;

    public static async Task<BenchmarkRelay> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var data = Path.Combine(Path.GetTempPath(), $"relay-bench-{Guid.NewGuid():n}");
        var environment = new Dictionary<string, string>
        {
            ["Relay__EmbeddedPostgres__DataDirectory"] = data,
            ["Relay__Admin__ApiKey"] = Key,
            ["Relay__Sandbox__Enabled"] = "true", // the benchmarks drive Relay's own simulators
        };
        foreach (var (name, value) in settings) environment[name] = value;
        var sandbox = environment["Relay__Sandbox__Enabled"] == "true";
        var process = new Drills.RelayReplica(1, FreePort(), environment);
        process.Start();
        var relay = new BenchmarkRelay(process, data);
        // With the sandbox, ready once its demo connection is there; without, once Relay says so.
        await WaitAsync(async () => (await relay.Http.GetAsync(sandbox ? "/api/connections/sandbox" : "/health/ready"))
                .IsSuccessStatusCode,
            TimeSpan.FromSeconds(180));
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopPostgresOnExit;
        Http.Dispose();
        await _relay.DisposeAsync();
        // The killed Relay leaves its private PostgreSQL running: stop it, then remove the data.
        if (PostgresServer() is { } server)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            server.Dispose();
        }
        DeleteData();
    }

    /// <summary>A few tries: the killed server's last processes may still be writing as they go.</summary>
    private void DeleteData()
    {
        for (var attempt = 1; attempt <= 5 && Directory.Exists(_data); attempt++)
        {
            try { Directory.Delete(_data, recursive: true); }
            catch (IOException) { Thread.Sleep(PollInterval); }
        }
    }

    private Process? PostgresServer()
    {
        try
        {
            return EmbeddedCluster.Find(_data) is { } cluster ? Process.GetProcessById(cluster.PostmasterId) : null;
        }
        catch (ArgumentException)
        {
            return null; // gone already
        }
    }

    private void StopPostgresOnExit(object? sender, EventArgs e)
    {
        using var server = PostgresServer();
        server?.Kill(entireProcessTree: true);
        server?.WaitForExit(TimeSpan.FromSeconds(10));
        DeleteData();
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, Func<Task>? explain = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await Safely(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                if (explain is not null) await explain();
                throw new TimeoutException($"Condition not met within {limit}.");
            }
            await Task.Delay(PollInterval); // a bounded wait on a condition, looked at five times a second
        }
    }

    private static async Task<bool> Safely(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet, or too busy to answer in time
        }
    }

    /// <summary>How many work items of a connection the admin API lists (of a status, or of any).</summary>
    public static async Task<int> CountWorkItemsAsync(HttpClient admin, string connection, string? status)
    {
        var page = await admin.GetFromJsonAsync<JsonObject>(
            $"/api/work-items?connectionId={connection}&pageSize=1{(status is null ? "" : $"&status={status}")}");
        return page!["total"]!.GetValue<int>();
    }

    public static int Arg(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
