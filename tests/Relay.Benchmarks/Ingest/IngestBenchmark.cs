using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Relay.Benchmarks.Drills;
using Relay.Domain.Orders;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks.Ingest;

/// <summary>
/// Webhook intake (issue 16): Relay as users run it (its own process, embedded PostgreSQL with fsync on), and in
/// the same run, alternating, a bare 202 endpoint and a one-INSERT-per-request endpoint (another process), driven
/// by wrk at 16 and 64 connections for a fixed time: distinct deliveries, 30% duplicates and all duplicates with
/// the orders flow off, and distinct deliveries of orders the shop has with the flow on. Prints each point, the
/// medians over the rounds with the ratios to the references, whether every acknowledged delivery was stored,
/// the statements of a distinct point, and the targets of issue 16.
/// </summary>
public static class IngestBenchmark
{
    private static readonly string FlowOff = DrillShops.ConnectionId(0);
    private static readonly string FlowOn = DrillShops.ConnectionId(1);
    private static readonly int[] Concurrencies = [16, 64];
    private static readonly (Server Server, Scenario Scenario)[] Plan =
    [
        (Server.Bare, Scenario.Distinct), (Server.Relay, Scenario.Distinct), (Server.Insert, Scenario.Distinct),
        (Server.Relay, Scenario.Mixed), (Server.Relay, Scenario.Duplicates), (Server.Relay, Scenario.FlowOn),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var seconds = Arg(args, "--seconds", quick ? 3 : 20);
        var rounds = Arg(args, "--rounds", quick ? 1 : 3);
        var warmUp = Arg(args, "--warmup", quick ? 1 : 2);
        var drain = TimeSpan.FromMinutes(Arg(args, "--drain-minutes", 10));
        Wrk.EnsureInstalled();
        IngestReport.PrintMachine($"{seconds} s a point after {warmUp} s of warm-up, {rounds} round(s)");

        await using var relay = await BenchmarkRelay.StartAsync(new Dictionary<string, string>
        {
            ["Relay__EmbeddedPostgres__ServerSettings__shared_preload_libraries"] = "pg_stat_statements",
            // Relay as it runs in production: the shops are the benchmark's own (DrillShops), and the sandbox's
            // simulators and their seeded data (about 30 MB) would count as Relay's memory.
            ["Relay__Sandbox__Enabled"] = "false",
            // Room for Relay's pool and the reference's (64) side by side: the default 100 would fail one of them.
            ["Relay__EmbeddedPostgres__ServerSettings__max_connections"] = "300",
            // The flow-on point measures Relay, not CCV's documented budget of 150 reads a minute.
            ["Relay__Clients__CcvShop__ReadsPerMinute"] = "1000000",
            ["Relay__Clients__CcvShop__WritesPerMinute"] = "1000000",
        });
        var cluster = EmbeddedCluster.Find(relay.DataDirectory)
            ?? throw new InvalidOperationException("Relay's embedded PostgreSQL is not running.");
        await using var statistics = new ClusterStatistics(cluster);
        await statistics.EnsureStatementStatisticsAsync();
        Console.WriteLine($"PostgreSQL {await statistics.ServerVersionAsync()}, fsync on; Relay pid {relay.ProcessId}");

        // Outside Relay's process, so their memory and CPU are not counted as Relay's; shop 1 gets its orders
        // put in directly (no webhooks, older than the reconciliation window), the deliveries are the benchmark's.
        await using var shops = await DrillShops.StartAsync(2, new SocketsHttpHandler(), unlimited: true);
        var addresses = await shops.ConnectAsync(relay.Http, new OrderFlowSettings());
        await DrillShops.Ok(relay.Http.PutAsJsonAsync($"/api/connections/{FlowOff}/flows/orders/enabled",
            new { enabled = false }));
        await using var reference = ReferenceServer.Process(cluster.ConnectionString(ReferenceServer.ApplicationName));
        reference.Start();
        await reference.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));

        var keys = Directory.CreateTempSubdirectory("relay-bench-keys-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { if (keys.Exists) keys.Delete(recursive: true); };
        try
        {
            var acknowledgements = new Acknowledgements();
            var measurement = new PointMeasurement(statistics, cluster, acknowledgements, warmUp, seconds, drain,
                keys.FullName);
            IngestTarget Target(Server server, Scenario scenario) => (server, scenario) switch
            {
                (Server.Bare or Server.Insert, _) => new(server, reference.Id, reference.BaseUrl,
                    ReferenceServer.Path(server.ToString().ToLowerInvariant()), null),
                (_, Scenario.FlowOn) => new(server, relay.ProcessId, relay.BaseUrl, RoutePath(addresses[1]), FlowOn),
                _ => new(server, relay.ProcessId, relay.BaseUrl, RoutePath(addresses[0]), FlowOff),
            };

            var points = new List<IngestPoint>();
            List<(string Query, long Calls, double Milliseconds)> profile = [];
            var idBase = 0L;
            for (var round = 1; round <= rounds; round++)
                foreach (var connections in Concurrencies)
                    foreach (var (server, scenario) in Plan)
                    {
                        idBase += 100_000_000; // every point its own ids
                        var seeded = scenario == Scenario.FlowOn
                            ? SeedOrders(shops, idBase, points.Last(p => p.Server == Server.Relay
                                && p.Scenario == Scenario.Distinct && p.Connections == connections), warmUp + seconds)
                            : 0;
                        var point = await measurement.MeasureAsync(round, Target(server, scenario), scenario,
                            connections, idBase);
                        points.Add(point);
                        IngestReport.PrintPoint(point);
                        if (round == rounds && connections == Concurrencies[^1] && server == Server.Relay
                            && scenario == Scenario.Distinct)
                            profile = await statistics.TopStatementsAsync(12);
                        if (seeded > 0) await DrainAsync(relay.Http, point, seeded, drain);
                    }

            IngestReport.PrintSummary(points);
            IngestReport.PrintProfile(profile, points.Last(p => p.Server == Server.Relay
                && p.Scenario == Scenario.Distinct && p.Connections == Concurrencies[^1]));
            var stored = await acknowledgements.CheckAsync(statistics, Concurrencies[^1]);
            IngestReport.PrintTargets(points, stored);
            IngestReport.PrintLoad("after the run");
            return 0;
        }
        finally
        {
            keys.Refresh();
            if (keys.Exists) keys.Delete(recursive: true);
        }
    }

    private static string RoutePath(string webhookAddress) => $"{new Uri(webhookAddress).AbsolutePath}/orders.created";

    /// <summary>Twice the orders the flow-off point of the same round took in, so the flow-on point's ids all exist
    /// in the shop, into a shop emptied of the last point's orders and sales orders.</summary>
    private static long SeedOrders(DrillShops shops, long idBase, IngestPoint flowOff, int seconds)
    {
        var count = (long)(2 * flowOff.Result.PerSecond * seconds) + 2_000;
        var clock = Stopwatch.StartNew();
        shops.Reset(1);
        shops.PlaceQuietly(1, idBase, (int)count, customers: 25, at: DateTimeOffset.UtcNow.AddDays(-30));
        Console.WriteLine($"  {FlowOn}: {count:N0} orders put into the shop in {clock.Elapsed.TotalSeconds:0.0} s");
        return count;
    }

    /// <summary>Waits for the flow-on point's orders to be processed, so the next point measures intake alone.
    /// </summary>
    private static async Task DrainAsync(HttpClient admin, IngestPoint point, long seeded, TimeSpan limit)
    {
        var threads = Wrk.Threads(point.Connections);
        var highest = (point.Result.Next.Max() - 1) * threads + threads - 1;
        if (highest >= seeded)
            Console.WriteLine($"  WARNING: ids up to {highest:N0} were sent, {seeded:N0} orders were seeded: " +
                "the shop lacks some of the delivered orders");
        var clock = Stopwatch.StartNew();
        var drained = true;
        try
        {
            await WaitAsync(async () => await CountWorkItemsAsync(admin, FlowOn, "Received") == 0, limit);
        }
        catch (TimeoutException)
        {
            drained = false;
        }
        var counts = new List<string>();
        foreach (var status in new[] { "Received", "Processing", "Succeeded", "Skipped", "Failed" })
            counts.Add($"{status.ToLowerInvariant()} {await CountWorkItemsAsync(admin, FlowOn, status):N0}");
        var failed = await admin.GetFromJsonAsync<JsonObject>(
            $"/api/work-items?connectionId={FlowOn}&status=Failed&pageSize=1");
        var example = failed!["items"]!.AsArray().FirstOrDefault()?["lastError"];
        Console.WriteLine($"  {FlowOn}: {(drained ? "processed" : "NOT processed")} {clock.Elapsed.TotalSeconds:0} s " +
            $"after the point and its queue; its work items so far: {string.Join(", ", counts)}" +
            (example is null ? "" : $" (failed e.g.: {example})"));
    }
}
