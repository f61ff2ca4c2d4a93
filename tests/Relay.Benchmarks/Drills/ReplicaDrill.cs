using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Relay.Domain.Orders;
using Relay.Domain.Stock;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks.Drills;

/// <summary>
/// Three replicas on one PostgreSQL behind a balancer, ten shops with CCV's documented limits, 1,000 orders by
/// webhook, and two replicas killed (SIGKILL) during the run and started again. Prints whether every order
/// became exactly one sales order (and every customer one debtor), the shops' 429s, and how often each
/// connection's stock was polled against its interval (issue 15: once per interval across the cluster, a dead
/// replica's connections taken over within 30 s).
/// </summary>
public static class ReplicaDrill
{
    private const int PollSeconds = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var orders = Arg(args, "--orders", 1000);
        var shopCount = Arg(args, "--shops", 10);
        var rate = Arg(args, "--rate", 10);
        var replicas = Arg(args, "--replicas", 3);
        await using var cluster = await RelayCluster.StartAsync(replicas, poolSize: 30);
        await using var shops = await DrillShops.StartAsync(shopCount, cluster.Balancer);
        await shops.ConnectAsync(cluster.Admin, new OrderFlowSettings { ReconciliationMinutes = 1 },
            new StockFlowSettings { PollSeconds = PollSeconds });
        Console.WriteLine($"{replicas} replicas, {shopCount} shops connected; placing {orders} orders at {rate}/s");

        var clock = Stopwatch.StartNew();
        var run = TimeSpan.FromSeconds((double)orders / rate);
        using var stop = new CancellationTokenSource();
        var polls = WatchPollsAsync(cluster.Admin, shopCount, stop.Token);
        var kills = KillTwiceAsync(cluster, run);
        var placed = new int[shopCount];
        for (var i = 0; i < orders; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var shop = i % shopCount;
            await shops.PlaceAsync(shop, customer: i / shopCount % 25,
                sku: OrderLatencyBenchmark.SimpleArticles[i % 16]);
            placed[shop]++;
        }
        var lastPlaced = DateTimeOffset.UtcNow;
        await kills;
        Console.WriteLine($"placed in {clock.Elapsed.TotalSeconds:0} s; waiting for every sales order");
        await WaitAsync(() => Task.FromResult(Enumerable.Range(0, shopCount)
                .All(s => shops.SalesOrders(s).Distinct().Count() >= placed[s])),
            TimeSpan.FromMinutes(Arg(args, "--minutes", 10)),
            () => Explain(shops, placed));
        var allSent = DateTimeOffset.UtcNow;
        // A while longer, so a document sent twice late would be seen too.
        await Task.Delay(TimeSpan.FromSeconds(PollSeconds));
        await stop.CancelAsync();
        var timeline = await polls;

        Report(shops, placed, cluster, timeline, clock.Elapsed);
        Console.WriteLine(
            $"every sales order there {(allSent - lastPlaced).TotalSeconds:0.0} s after the last order was placed");
        return 0;
    }

    /// <summary>Kills replica 1 at a quarter of the run and replica 2 at half of it, each started again 10 s
    /// later.</summary>
    private static async Task KillTwiceAsync(RelayCluster cluster, TimeSpan run)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (replica, at) in new[] { (0, run / 4), (1, run / 2) })
        {
            if (clock.Elapsed < at) await Task.Delay(at - clock.Elapsed);
            var victim = cluster.Replicas[replica % cluster.Replicas.Count];
            await victim.KillAsync();
            Console.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: killed replica {victim.Number}");
            await Task.Delay(TimeSpan.FromSeconds(10));
            victim.Start();
            await victim.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
            Console.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: replica {victim.Number} is back");
        }
    }

    /// <summary>Per connection, the times its stock poll count went up (read from the status route).</summary>
    private static async Task<List<DateTimeOffset>[]> WatchPollsAsync(HttpClient admin, int shops, CancellationToken ct)
    {
        var seen = new long[shops];
        var times = Enumerable.Range(0, shops).Select(_ => new List<DateTimeOffset>()).ToArray();
        while (!ct.IsCancellationRequested)
        {
            for (var s = 0; s < shops; s++)
            {
                try
                {
                    var status = await admin.GetFromJsonAsync<JsonObject>(
                        $"/api/connections/{DrillShops.ConnectionId(s)}/flows/stock/status", ct);
                    var count = status!["poll"]?["polls"]?.GetValue<long>() ?? 0;
                    for (var n = seen[s]; n < count; n++) times[s].Add(DateTimeOffset.UtcNow);
                    seen[s] = count;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // a replica went down mid-call, or the run ended: look again next round
                }
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { }
        }
        return times;
    }

    private static void Report(DrillShops shops, int[] placed, RelayCluster cluster, List<DateTimeOffset>[] polls,
        TimeSpan elapsed)
    {
        int documents = 0, missing = 0, twice = 0, debtorsTwice = 0, tooMany = 0, acknowledged = 0;
        for (var s = 0; s < placed.Length; s++)
        {
            var sent = shops.SalesOrders(s);
            documents += sent.Count;
            missing += Math.Max(0, placed[s] - sent.Distinct().Count());
            twice += sent.GroupBy(n => n).Count(g => g.Count() > 1);
            debtorsTwice += shops.DebtorMails(s).GroupBy(m => m).Count(g => g.Count() > 1);
            tooMany += shops.TooManyRequests(s);
            acknowledged += shops.Hosts[s].CcvShop.Webhooks.Deliveries
                .Count(d => d.Event == "orders.created" && d.Status is >= 200 and < 300);
        }
        Console.WriteLine($"orders placed {placed.Sum()}, webhooks acknowledged {acknowledged}, " +
            $"sales orders {documents}, missing {missing}, sent twice {twice}; " +
            $"customers with two debtors {debtorsTwice}");
        Console.WriteLine($"answers of 429 from the shops: {tooMany}; " +
            "requests the balancer moved to another replica: " +
            $"{cluster.Balancer.Retried}");
        // Counted over whole intervals after the first poll, so the start-up does not count as a gap.
        var counts = polls.Select(p => p.Count).ToList();
        var gaps = polls.Where(p => p.Count > 1).Select(p => p.Zip(p.Skip(1), (a, b) => (b - a).TotalSeconds).Max())
            .ToList();
        var expected = elapsed.TotalSeconds / PollSeconds;
        Console.WriteLine($"stock polls per connection over {elapsed.TotalSeconds:0} s (every {PollSeconds} s, about " +
            $"{expected:0} expected): min {counts.Min()}, max {counts.Max()}; " +
            $"longest gap between two polls of a connection {(gaps.Count > 0 ? gaps.Max() : 0):0} s");
    }

    private static Task Explain(DrillShops shops, int[] placed)
    {
        for (var s = 0; s < placed.Length; s++)
            Console.WriteLine($"shop {s}: placed {placed[s]}, sales orders {shops.SalesOrders(s).Distinct().Count()}");
        return Task.CompletedTask;
    }
}
