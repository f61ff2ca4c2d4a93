using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Relay.Benchmarks.BenchmarkRelay;

namespace Relay.Benchmarks;

/// <summary>
/// AccountView fails every call for a while (default 2 minutes) as orders keep arriving (default 60):
/// how hard Relay knocks during the outage, how soon after healing every order is sent, and that none is
/// sent twice. Targets (issue 15): at most 1 request/s during the outage, all sent within 30 s of healing.
/// </summary>
public static class OutageDrill
{
    public static async Task<int> RunAsync(string[] args)
    {
        var orders = Arg(args, "--orders", 60);
        var outage = TimeSpan.FromSeconds(Arg(args, "--seconds", 120));
        await using var relay = await BenchmarkRelay.StartAsync(new Dictionary<string, string>());
        var http = relay.Http;
        var failing = await http.PutAsJsonAsync("/sandbox/accountview/__control/faults", new { errorRate = 1.0 });
        failing.EnsureSuccessStatusCode();
        var down = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var placed = new HashSet<string>();
        for (var i = 0; i < orders; i++)
        {
            var due = outage * i / orders;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var response = await http.PostAsJsonAsync("/sandbox/ccvshop/__control/orders", new
            {
                email = $"storing{i}@example.nl", firstName = "Storing", lastName = $"Klant {i}", paid = true,
                rows = new[] { new { sku = "ART-00001", count = 1 } },
            });
            placed.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>().ToString());
        }
        if (clock.Elapsed < outage) await Task.Delay(outage - clock.Elapsed);
        var healed = DateTimeOffset.UtcNow;
        (await http.DeleteAsync("/sandbox/accountview/__control/faults")).EnsureSuccessStatusCode();
        var during = (await http.GetFromJsonAsync<JsonArray>("/sandbox/accountview/__control/journal"))!
            .Count(e => e!["at"]!.GetValue<DateTimeOffset>() is var at && at >= down && at < healed);

        DateTimeOffset last = default;
        await WaitAsync(async () =>
        {
            var page = await http.GetFromJsonAsync<JsonObject>(
                "/api/work-items?connectionId=sandbox&flow=Orders&status=Succeeded&pageSize=500");
            var sent = page!["items"]!.AsArray()
                .Where(i => placed.Contains(i!["entityId"]!.GetValue<string>())).ToList();
            if (sent.Count < placed.Count) return false;
            last = sent.Max(i => i!["updatedAt"]!.GetValue<DateTimeOffset>());
            return true;
        }, TimeSpan.FromMinutes(Arg(args, "--minutes", 10)));
        var documents = (await http.GetFromJsonAsync<JsonArray>("/sandbox/accountview/__control/tables/SO_HDR"))!
            .Select(row => row!["COMMENT1"]?.ToString() ?? "").ToList();
        var twice = documents.GroupBy(c => c).Count(g => g.Count() > 1);

        Console.WriteLine($"outage: {outage.TotalSeconds:0} s, {orders} orders placed during it");
        Console.WriteLine(
            $"requests to AccountView during the outage: {during} ({during / outage.TotalSeconds:0.00}/s)");
        Console.WriteLine($"last order sent {(last - healed).TotalSeconds:0.0} s after healing; " +
            $"sales orders {documents.Count}, sent twice {twice}");
        return 0;
    }
}
