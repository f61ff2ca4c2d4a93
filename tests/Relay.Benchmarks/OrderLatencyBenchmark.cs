using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks;

/// <summary>
/// Webhook → sales order latency: Relay runs as users run it (its own process, embedded PostgreSQL with
/// fsync on, sandbox simulators), AccountView answers with the given latency, and orders are placed in
/// the simulated shop at a steady rate. Times are the server's: when the webhook was stored, when the
/// sales order was created; and the client's, when the order was placed.
/// </summary>
public static class OrderLatencyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var orders = Arg(args, "--orders", 600);
        var rate = Arg(args, "--rate", 20);
        var latencyMs = Arg(args, "--latency", 100);
        // CCV Shop allows 150 reads a minute per endpoint (§2.6): every order costs one GET (the order with its
        // rows embedded), so a real shop caps Relay at 2.5 orders/s. --unlimited lifts the limits on both
        // sides to measure Relay itself.
        var unlimited = args.Contains("--unlimited");
        var settings = new Dictionary<string, string>();
        if (unlimited)
        {
            settings["Relay__Sandbox__CcvShop__ReadsPerMinute"] = "1000000";
            settings["Relay__Clients__CcvShop__ReadsPerMinute"] = "1000000";
        }
        await using var relay = await BenchmarkRelay.StartAsync(settings);
        var http = relay.Http;
        (await http.PutAsJsonAsync("/sandbox/accountview/__control/faults", new { latencyMs })).EnsureSuccessStatusCode();

        var placed = new Dictionary<long, DateTimeOffset>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < orders; i++)
        {
            var due = interval * i;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var at = DateTimeOffset.UtcNow;
            var response = await http.PostAsJsonAsync("/sandbox/ccvshop/__control/orders", new
            {
                email = $"klant{i % 50}@example.nl", firstName = "Bench", lastName = $"Klant {i % 50}", paid = true,
                rows = new[] { new { sku = SimpleArticles[i % SimpleArticles.Length], count = 1 } },
            });
            placed[JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>()] = at;
        }
        var placing = clock.Elapsed;

        var done = new Dictionary<long, (DateTimeOffset Received, DateTimeOffset Sent)>();
        await WaitAsync(async () =>
        {
            for (var number = 1; ; number++)
            {
                var page = await http.GetFromJsonAsync<JsonObject>($"/api/work-items?connectionId=sandbox&flow=Orders&status=Succeeded&pageSize=500&page={number}");
                var items = page!["items"]!.AsArray();
                foreach (var item in items)
                {
                    var id = long.Parse(item!["entityId"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                    if (placed.ContainsKey(id)) done[id] = (item["receivedAt"]!.GetValue<DateTimeOffset>(), item["updatedAt"]!.GetValue<DateTimeOffset>());
                }
                if (items.Count < 500) return done.Count == placed.Count;
            }
        }, TimeSpan.FromMinutes(Arg(args, "--minutes", 5)), async () =>
        {
            foreach (var status in new[] { "Received", "Failed", "Skipped", "Succeeded" })
            {
                var page = await http.GetFromJsonAsync<JsonObject>($"/api/work-items?connectionId=sandbox&status={status}&pageSize=3");
                Console.WriteLine($"{status}: {page!["total"]} e.g. {page["items"]!.AsArray().FirstOrDefault()?["lastError"]}");
            }
        });

        var webhookToOrder = done.Values.Select(d => (d.Sent - d.Received).TotalMilliseconds).Order().ToList();
        var placedToOrder = done.Select(d => (d.Value.Sent - placed[d.Key]).TotalMilliseconds).Order().ToList();
        Console.WriteLine($"orders: {orders} at {rate}/s (placed in {placing.TotalSeconds:0.0} s), AccountView latency {latencyMs} ms, CCV read limits {(unlimited ? "lifted" : "as documented")}");
        Console.WriteLine($"webhook stored -> sales order created: p50 {P(webhookToOrder, 0.5):0} ms, p99 {P(webhookToOrder, 0.99):0} ms, max {webhookToOrder[^1]:0} ms");
        Console.WriteLine($"order placed -> sales order created:   p50 {P(placedToOrder, 0.5):0} ms, p99 {P(placedToOrder, 0.99):0} ms, max {placedToOrder[^1]:0} ms");
        // The first seconds after a start pay for JIT, first connections and the AccountView field dictionary:
        // shown apart, so the steady state is seen too.
        var start = placed.Values.Min() + Warm;
        var steady = done.Where(d => placed[d.Key] >= start)
            .Select(d => (d.Value.Sent - d.Value.Received).TotalMilliseconds).Order().ToList();
        if (steady.Count > 0)
            Console.WriteLine($"the same, orders placed after the first {Warm.TotalSeconds:0} s ({steady.Count}): " +
                $"p50 {P(steady, 0.5):0} ms, p99 {P(steady, 0.99):0} ms, max {steady[^1]:0} ms");
        return 0;
    }

    private static readonly TimeSpan Warm = TimeSpan.FromSeconds(5);

    /// <summary>Demo-catalogue products without variants (those ending in 2 or 3 have sizes).</summary>
    internal static readonly string[] SimpleArticles =
        Enumerable.Range(1, 200).Where(n => n % 10 is not (2 or 3)).Select(n => $"ART-{n:D5}").ToArray();
}
