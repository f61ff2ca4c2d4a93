using System.Diagnostics;
using System.Text.Json;

namespace Relay.Benchmarks.Ingest;

/// <summary>What wrk is told to send: the bodies' mode and id space (see ingest.lua), and where.</summary>
/// <param name="First">The first k of new deliveries: past those an earlier run (the warm-up) sent.</param>
/// <param name="Pool">Duplicates repeat ids of k below this, which an earlier run had answered.</param>
public sealed record WrkLoad(string Mode, long Base, long First, long Pool, string BaseUrl, string Path,
    string? KeysFile);

/// <summary>wrk's closing line (ingest.lua's done()): counts, latency in microseconds, each thread's next k.</summary>
public sealed record WrkResult(long Requests, long DurationUs, long P50Us, long P99Us, long Connect, long Read,
    long Write, long Timeout, long Accepted, long Duplicates, long Other, long[] Next)
{
    public double PerSecond => Requests / (DurationUs / 1e6);
    public long SocketErrors => Connect + Read + Write + Timeout;
}

/// <summary>
/// The load generator. wrk rather than a loop in this process: it is a separate, lean C program (epoll, one event
/// loop per thread, HdrHistogram latencies), so its CPU is its own and a .NET client's allocations and GC neither
/// slow the load nor show in the figures; Debian packages it (<c>apt-get install -y wrk</c>). Its Lua script
/// makes the bodies (distinct, 30% duplicates, all duplicates) and counts the answers per kind.
/// </summary>
public static class Wrk
{
    private const string ResultPrefix = "INGEST-RESULT ";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Threads(int connections) => Math.Min(Environment.ProcessorCount, connections);

    /// <summary>Fails with the way out when wrk is not installed.</summary>
    public static void EnsureInstalled()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(folder => File.Exists(System.IO.Path.Combine(folder, "wrk")));
        if (!found)
            throw new InvalidOperationException("The ingest benchmark's load generator is wrk: apt-get install -y wrk");
    }

    public static async Task<WrkResult> RunAsync(WrkLoad load, int connections, int seconds)
    {
        var threads = Threads(connections);
        var script = System.IO.Path.Combine(AppContext.BaseDirectory, "Ingest", "ingest.lua");
        var info = new ProcessStartInfo("wrk",
        [
            "-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--timeout", "10s", "-s", script,
            load.BaseUrl, "--", load.Mode, $"{load.Base}", $"{load.First}", $"{Math.Max(1, load.Pool)}",
            $"{threads}", load.Path, load.KeysFile ?? "-",
        ]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(info)!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (wrk.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {await output}{await errors}");
        return JsonSerializer.Deserialize<WrkResult>(line[ResultPrefix.Length..], Json)!;
    }
}
