using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Relay.Domain.Orders;
using Relay.Simulators.FaultInjection;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks.Drills;

/// <summary>
/// 1,000 orders wait on a connection whose orders flow is off; orders of four other connections are being
/// written (AccountView slow to insert) when Relay is killed (SIGKILL) and started again. Prints how long after
/// the restart the other connections' orders were all sent (issue 15: within 30 s), that the parked ones stayed
/// parked, how many switching their flow on sent in the first minute, and how long other connections' orders
/// took meanwhile.
/// </summary>
public static class StarvationDrill
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parked = Arg(args, "--parked", 1000);
        var others = Arg(args, "--orders", 40);
        await using var cluster = await RelayCluster.StartAsync(1, poolSize: 50);
        await using var shops = await DrillShops.StartAsync(5, cluster.Balancer);
        await shops.ConnectAsync(cluster.Admin, new OrderFlowSettings());
        var off = DrillShops.ConnectionId(0);
        await DrillShops.Ok(cluster.Admin.PutAsJsonAsync($"/api/connections/{off}/flows/orders/enabled",
            new { enabled = false }));

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parked).Chunk(parked / 10).Select(async chunk =>
        {
            foreach (var i in chunk) await shops.PlaceAsync(0, customer: i % 50, sku: "ART-00001");
        }));
        await WaitAsync(async () => await CountWorkItemsAsync(cluster.Admin, off, null) >= parked,
            TimeSpan.FromMinutes(5));
        Console.WriteLine($"{parked} orders stored on {off} (orders flow off) in {clock.Elapsed.TotalSeconds:0} s");

        foreach (var host in shops.Hosts.Skip(1))
            host.AccountView.Faults.Set(new FaultSettings { WriteLatencyMs = 5_000 });
        for (var i = 0; i < others; i++) await shops.PlaceAsync(1 + i % 4, customer: i, sku: "ART-00004");
        // Acknowledged first: a webhook sent while the only replica is down is lost to Relay (the shop's retries
        // are over in a second) and waits for the reconciliation poll, which is not what this drill measures.
        await WaitAsync(() => Task.FromResult(shops.Hosts.Skip(1).Sum(h => h.CcvShop.Webhooks.Deliveries
            .Count(d => d.Event == "orders.created" && d.Status is >= 200 and < 300)) >= others),
            TimeSpan.FromMinutes(2));
        // Killed once Relay has read an order of every other shop: its debtor and sales order inserts take 5 s each.
        await WaitAsync(() => Task.FromResult(shops.Hosts.Skip(1).All(h => h.CcvShop.Journal.Entries
            .Any(e => e.Method == "GET" && e.Target.Contains("/orders/", StringComparison.Ordinal)))),
            TimeSpan.FromMinutes(2));
        var replica = cluster.Replicas[0];
        await replica.KillAsync();
        var before = Enumerable.Range(1, 4).Sum(s => shops.SalesOrders(s).Count);
        var killed = Stopwatch.StartNew();
        foreach (var host in shops.Hosts.Skip(1)) host.AccountView.Faults.Set(new FaultSettings());
        replica.Start();
        await replica.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        var ready = killed.Elapsed;
        await WaitAsync(() => Task.FromResult(Enumerable.Range(1, 4).Sum(s => shops.SalesOrders(s).Distinct().Count())
            >= others), TimeSpan.FromMinutes(5));
        var sent = killed.Elapsed;
        var twice = Enumerable.Range(1, 4).Sum(s => shops.SalesOrders(s).GroupBy(n => n).Count(g => g.Count() > 1));
        Console.WriteLine($"killed with {others - before} orders of 4 connections in flight; " +
            $"ready again after {ready.TotalSeconds:0.0} s; " +
            $"their {others} orders all sent {(sent - ready).TotalSeconds:0.0} s after the restart, {twice} twice");
        Console.WriteLine($"{off}: {shops.SalesOrders(0).Count} sales orders while its flow is off");

        // The shop's documented read limit (150 a minute per endpoint, one read an order) paces the parked orders.
        await DrillShops.Ok(cluster.Admin.PutAsJsonAsync($"/api/connections/{off}/flows/orders/enabled",
            new { enabled = true }));
        var minute = TimeSpan.FromSeconds(Arg(args, "--watch", 60));
        var on = Stopwatch.StartNew();
        // Meanwhile, with the released orders waiting for the shop's budget, the other connections' orders go on.
        await Task.Delay(minute / 4);
        var alongside = Stopwatch.StartNew();
        var already = Enumerable.Range(1, 4).Sum(s => shops.SalesOrders(s).Count);
        for (var i = 0; i < 20; i++) await shops.PlaceAsync(1 + i % 4, customer: 100 + i, sku: "ART-00004");
        await WaitAsync(() => Task.FromResult(Enumerable.Range(1, 4).Sum(s => shops.SalesOrders(s).Count) >= already + 20),
            TimeSpan.FromMinutes(5));
        Console.WriteLine($"20 orders of the other connections placed during the release: all sent in " +
            $"{alongside.Elapsed.TotalSeconds:0.0} s");
        if (on.Elapsed < minute) await Task.Delay(minute - on.Elapsed); // counted at the end: the figure is a rate
        Console.WriteLine($"switched on: {shops.SalesOrders(0).Distinct().Count()} of its {parked} orders sent in " +
            $"{on.Elapsed.TotalSeconds:0} s, {shops.SalesOrders(0).GroupBy(n => n).Count(g => g.Count() > 1)} twice");
        return 0;
    }
}
