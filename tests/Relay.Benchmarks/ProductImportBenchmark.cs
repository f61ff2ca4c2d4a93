using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks;

/// <summary>
/// Products, AccountView → CCV Shop, on a large catalogue: an import that creates a number of new products
/// among thousands the shop already has, then the same import again (a reconciliation with nothing to
/// write). With the shop's documented limits (150 GETs and 100 writes a minute per endpoint).
/// With --master shop the direction turns: the shop has the catalogue and AccountView lacks the last --new of it.
/// </summary>
public static class ProductImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var products = Arg(args, "--products", 10_000);
        var fresh = Arg(args, "--new", 200);
        var shopMaster = Array.IndexOf(args, "--master") is var at and >= 0 && at + 1 < args.Length && args[at + 1] == "shop";
        var settings = new Dictionary<string, string>
        {
            ["Relay__Sandbox__CcvShop__SeedProducts"] = $"{products}",
            ["Relay__Sandbox__CcvShop__SeedOrders"] = "0",
            ["Relay__Sandbox__AccountView__SeedArticles"] = $"{(shopMaster ? products - fresh : products)}",
        };
        var started = Stopwatch.StartNew();
        await using var relay = await StartAsync(settings);
        var http = relay.Http;
        Console.WriteLine($"Relay and its sandbox ({products} products in the shop, {settings["Relay__Sandbox__AccountView__SeedArticles"]} in AccountView) up in {started.Elapsed.TotalSeconds:0} s");
        for (var i = 1; i <= fresh && !shopMaster; i++)
            (await http.PostAsJsonAsync("/sandbox/accountview/__control/tables/ARTICLE", new JsonObject
            {
                ["ART_CODE"] = $"NEW-{i:D5}", ["ART_DESC1"] = $"Nieuw artikel {i}", ["AG_CODE"] = "KEUKEN", ["PX_SELL"] = 9.95m,
                ["EAN_CODE"] = "", ["VAT_CODE"] = "H1", ["REC_BLK"] = false, ["QTY_TECH"] = 5, ["QTY_AVAIL"] = 5, ["QTY_RES"] = 0,
            })).EnsureSuccessStatusCode();
        // Both systems hold the demo catalogue at the same prices excluding VAT: only the new articles differ.
        (await http.PutAsJsonAsync("/api/connections/sandbox/flows/products",
            new { enabled = true, packageId = 1664901, shopPricesIncludeVat = false, master = shopMaster ? "Shop" : "AccountView" })).EnsureSuccessStatusCode();

        foreach (var run in new[] { "first import", "second import (nothing to write)" })
        {
            var journalBefore = (await http.GetFromJsonAsync<JsonArray>("/sandbox/ccvshop/__control/journal"))!.Count;
            var accountViewBefore = (await http.GetFromJsonAsync<JsonArray>("/sandbox/accountview/__control/journal"))!.Count;
            var clock = Stopwatch.StartNew();
            var answer = await http.PostAsync("/api/connections/sandbox/products/import", null);
            answer.EnsureSuccessStatusCode();
            var import = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
            var answeredIn = clock.Elapsed;
            JsonObject progress = import;
            TimeSpan? queuedIn = null;
            await WaitAsync(async () =>
            {
                progress = (await http.GetFromJsonAsync<JsonObject>($"/api/connections/sandbox/imports/{import["importId"]}"))!;
                if (queuedIn is null && progress["state"]!.GetValue<string>() != "Reading") queuedIn = clock.Elapsed;
                return progress["finished"]!.GetValue<bool>();
            }, TimeSpan.FromMinutes(Arg(args, "--wait", 30)));
            var took = clock.Elapsed;
            var journal = (await http.GetFromJsonAsync<JsonArray>("/sandbox/ccvshop/__control/journal"))!.Skip(journalBefore).ToList();
            int Count(string method, string part) => journal.Count(e => e!["method"]!.GetValue<string>() == method && e["target"]!.GetValue<string>().Contains(part));
            Console.WriteLine($"{run}: answered in {answeredIn.TotalMilliseconds:0} ms, {progress["total"]} families read and queued in {queuedIn?.TotalSeconds:0.0} s, finished in {took.TotalSeconds:0} s " +
                              $"({progress["total"]!.GetValue<int>() / took.TotalSeconds:0} a second); succeeded {progress["succeeded"]}, skipped {progress["skipped"]}, failed {progress["failed"]}");
            Console.WriteLine($"  shop calls: {journal.Count} (product pages {Count("GET", "/products?start=") - Count("GET", "productnumber=")}, " +
                              $"look-ups {Count("GET", "productnumber=")}, single product reads {journal.Count(e => e!["method"]!.GetValue<string>() == "GET" && System.Text.RegularExpressions.Regex.IsMatch(e["target"]!.GetValue<string>(), @"/products/\d+(\?|$)"))}, products created {Count("POST", "/api/rest/v1/products")}, updated {Count("PATCH", "/products/")} " +
                              $"(of which the stock flow's {journal.Count(e => e!["method"]!.GetValue<string>() == "PATCH" && e["body"]?.GetValue<string>() is { } b && b.Contains("\"stock\""))}), " +
                              $"category links {Count("POST", "/producttocategories")}); 429 answers: {journal.Count(e => e!["status"]!.GetValue<int>() == 429)}");
            var accountView = (await http.GetFromJsonAsync<JsonArray>("/sandbox/accountview/__control/journal"))!.Skip(accountViewBefore).ToList();
            Console.WriteLine($"  AccountView calls: {accountView.Count} (writes {accountView.Count(e => e!["method"]!.GetValue<string>() == "POST")})");
        }
        return 0;
    }
}
