using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks;

/// <summary>
/// Stock, AccountView → CCV Shop, on a large catalogue: the cost of a poll without and with changes, and
/// the time from a change in AccountView to its write in the shop while a share of the catalogue changes
/// every minute. With the shop's documented write limits (100 a minute per endpoint) unless --unlimited.
/// </summary>
public static class StockBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var articles = Arg(args, "--articles", 50_000);
        var perMille = Arg(args, "--per-mille", 10); // changes a minute, per thousand articles: 10 = 1%
        var minutes = Arg(args, "--minutes", 3);
        var pollSeconds = Arg(args, "--poll", 60);
        var unlimited = args.Contains("--unlimited");
        // The demo catalogue: of every ten products two have three sizes, so ten products are fourteen articles.
        var products = articles * 10 / 14;
        var settings = new Dictionary<string, string>
        {
            ["Relay__Sandbox__CcvShop__SeedProducts"] = $"{products}",
            ["Relay__Sandbox__CcvShop__SeedOrders"] = "0",
            ["Relay__Sandbox__AccountView__SeedArticles"] = $"{products}",
        };
        if (unlimited)
            foreach (var side in new[] { "Sandbox", "Clients" })
            {
                settings[$"Relay__{side}__CcvShop__WritesPerMinute"] = "1000000";
                settings[$"Relay__{side}__CcvShop__ReadsPerMinute"] = "1000000";
            }
        var started = Stopwatch.StartNew();
        await using var relay = await StartAsync(settings);
        var http = relay.Http;
        Console.WriteLine($"Relay and its sandbox ({products} products, {Skus(products).Count} articles) up in {started.Elapsed.TotalSeconds:0} s");
        // A settings PUT is a whole document: every member is sent.
        (await http.PutAsJsonAsync("/api/connections/sandbox/flows/stock", new
        {
            enabled = true, pollSeconds, fullScanHours = 24, overlapSeconds = 60, formula = "AvailableMinusReserved",
            safetyBuffer = 0, manageStock = false,
            fields = new { physical = "QTY_TECH", available = "QTY_AVAIL", reserved = (string?)null, free = "QTY_FREE2" },
        })).EnsureSuccessStatusCode();

        // The first poll is a full scan, and builds the shop's SKU index (the product listing, 250 a page).
        await WaitAsync(async () => (await StatusAsync(http))["poll"]?["polls"]?.GetValue<long>() >= 1, TimeSpan.FromMinutes(15));
        var first = (await StatusAsync(http))["poll"]!;
        Console.WriteLine($"first poll (full scan + shop index): {first["lastPollArticles"]} articles, {first["lastPollMilliseconds"]} ms, {first["lastPollChanges"]} changes");
        await http.PostAsync("/api/connections/sandbox/flows/stock/poll", null);
        var quiet = await (await http.PostAsync("/api/connections/sandbox/flows/stock/poll", null)).Content.ReadFromJsonAsync<JsonObject>();
        Console.WriteLine($"poll without changes: {quiet!["articles"]} articles read, {quiet["milliseconds"]} ms");

        var skus = Skus(products);
        var random = new Random(7);
        var changed = new Dictionary<string, DateTimeOffset>();
        var perMinute = articles * perMille / 1000;
        var interval = TimeSpan.FromMinutes(1) / perMinute;
        var clock = Stopwatch.StartNew();
        var pollCosts = new List<(long Articles, long Ms)>();
        long lastPolls = 0;
        for (var i = 0; i < perMinute * minutes; i++)
        {
            var due = interval * i;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            string sku;
            do sku = skus[random.Next(skus.Count)]; while (changed.ContainsKey(sku));
            // One change in ten sells out; the others land on a figure no seeded article has.
            var onShelf = i % 10 == 0 ? 0 : 1000 + i;
            (await http.PutAsJsonAsync($"/sandbox/accountview/__control/articles/{sku}/stock", new { onShelf })).EnsureSuccessStatusCode();
            changed[sku] = DateTimeOffset.UtcNow;
            if (i % 50 == 0 && (await StatusAsync(http))["poll"] is { } poll && poll["polls"]!.GetValue<long>() > lastPolls)
            {
                lastPolls = poll["polls"]!.GetValue<long>();
                pollCosts.Add((poll["lastPollArticles"]!.GetValue<long>(), poll["lastPollMilliseconds"]!.GetValue<long>()));
            }
        }
        Console.WriteLine($"{changed.Count} changes in {clock.Elapsed.TotalSeconds:0} s ({perMinute} a minute)");

        var written = new Dictionary<string, DateTimeOffset>();
        await WaitAsync(async () =>
        {
            written.Clear();
            for (var number = 1; ; number++)
            {
                var page = await http.GetFromJsonAsync<JsonObject>($"/api/work-items?connectionId=sandbox&flow=Stock&status=Succeeded&pageSize=500&page={number}");
                var items = page!["items"]!.AsArray();
                foreach (var item in items)
                {
                    var sku = item!["entityId"]!.GetValue<string>();
                    if (changed.ContainsKey(sku)) written[sku] = item["updatedAt"]!.GetValue<DateTimeOffset>();
                }
                if (items.Count < 500) break;
            }
            return written.Count >= changed.Count * 0.99; // a sold-out change to an article already at 0 is no change
        }, TimeSpan.FromMinutes(Arg(args, "--wait", 20)));

        var latencies = written.Select(w => (w.Value - changed[w.Key]).TotalSeconds).Order().ToList();
        var writes = await http.GetFromJsonAsync<JsonArray>("/sandbox/ccvshop/__control/stock-writes");
        var perMinuteWrites = writes!.GroupBy(w => w!["at"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds() / 60).Select(g => g.Count()).ToList();
        var journal = await http.GetFromJsonAsync<JsonArray>("/sandbox/ccvshop/__control/journal");
        var tooMany = journal!.Count(e => e!["status"]!.GetValue<int>() == 429);

        Console.WriteLine($"CCV write limits {(unlimited ? "lifted" : "as documented (100 a minute per endpoint)")}, poll every {pollSeconds} s");
        Console.WriteLine($"polls while changing: {string.Join(", ", pollCosts.Select(c => $"{c.Articles} articles/{c.Ms} ms"))}");
        Console.WriteLine($"change -> shop write ({latencies.Count} written): p50 {P(latencies, 0.5):0.0} s, p99 {P(latencies, 0.99):0.0} s, max {latencies[^1]:0.0} s");
        Console.WriteLine($"shop writes: {writes!.Count}, per minute: max {perMinuteWrites.Max()}, mean {perMinuteWrites.Average():0}; 429 answers: {tooMany}");
        return 0;
    }

    private static async Task<JsonObject> StatusAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonObject>("/api/connections/sandbox/flows/stock/status"))!;

    /// <summary>The demo catalogue's article codes (see DemoCatalogue): sizes S/M/L for products ending in 2 or 3.</summary>
    private static List<string> Skus(int products) =>
        Enumerable.Range(1, products)
            .SelectMany(i => i % 10 is 2 or 3 ? new[] { $"ART-{i:D5}-S", $"ART-{i:D5}-M", $"ART-{i:D5}-L" } : [$"ART-{i:D5}"])
            .ToList();
}
