using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Relay.Domain.Orders;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks.Drills;

/// <summary>
/// Orders spread over many shops (default 100/s over 50 connections, for 60 s), AccountView answering in
/// 100 ms, the shops with their documented limits: webhook stored → sales order created per order, and per
/// 10-second window of placing, so a growing backlog shows (issue 15: p99 ≤ 2 s, no growing backlog).
/// </summary>
public static class SpreadLatencyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Arg(args, "--rate", 100);
        var shopCount = Arg(args, "--shops", 50);
        var seconds = Arg(args, "--seconds", 60);
        await using var cluster = await RelayCluster.StartAsync(Arg(args, "--replicas", 1), poolSize: 50);
        await using var shops = await DrillShops.StartAsync(shopCount, cluster.Balancer, accountViewLatencyMs: 100);
        await shops.ConnectAsync(cluster.Admin, new OrderFlowSettings());

        var orders = rate * seconds;
        var placed = new Dictionary<(string Connection, string Number), DateTimeOffset>();
        var placing = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < orders; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var shop = i % shopCount;
            var at = DateTimeOffset.UtcNow;
            var customer = i / shopCount % 25;
            placing.Add(Task.Run(async () =>
            {
                var id = await shops.PlaceIdAsync(shop, customer, OrderLatencyBenchmark.SimpleArticles[customer % 16]);
                lock (placed) placed[(DrillShops.ConnectionId(shop), id)] = at;
            }));
        }
        await Task.WhenAll(placing);
        Console.WriteLine(
            $"{orders} orders over {shopCount} shops at {rate}/s, placed in {clock.Elapsed.TotalSeconds:0.0} s");

        var done = new Dictionary<(string, string), (DateTimeOffset Received, DateTimeOffset Sent)>();
        await WaitAsync(async () =>
        {
            for (var number = 1; ; number++)
            {
                var page = await cluster.Admin.GetFromJsonAsync<JsonObject>(
                    $"/api/work-items?flow=Orders&status=Succeeded&pageSize=500&page={number}");
                var items = page!["items"]!.AsArray();
                foreach (var item in items)
                {
                    var key = (item!["connectionId"]!.GetValue<string>(), item["entityId"]!.GetValue<string>());
                    if (placed.ContainsKey(key))
                        done[key] = (item["receivedAt"]!.GetValue<DateTimeOffset>(),
                            item["updatedAt"]!.GetValue<DateTimeOffset>());
                }
                if (items.Count < 500) return done.Count == placed.Count;
            }
        }, TimeSpan.FromMinutes(Arg(args, "--minutes", 10)));

        var start = placed.Values.Min();
        Print("webhook stored -> sales order created", done.Values.Select(d => d.Sent - d.Received));
        Print("order placed -> sales order created  ", done.Select(d => d.Value.Sent - placed[d.Key]));
        foreach (var window in done.GroupBy(d => (int)((placed[d.Key] - start).TotalSeconds / 10)).OrderBy(g => g.Key))
            Print($"  placed {window.Key * 10,3}-{window.Key * 10 + 10,3} s, stored -> created",
                window.Select(d => d.Value.Sent - d.Value.Received));
        return 0;
    }

    private static void Print(string what, IEnumerable<TimeSpan> times)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: p50 {P(sorted, 0.5):0} ms, p99 {P(sorted, 0.99):0} ms, max {sorted[^1]:0} ms ({sorted.Count})"));
    }
}
