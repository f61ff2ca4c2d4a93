using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Relay.Domain.Orders;
using Relay.Domain.Stock;
using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;

namespace Relay.Benchmarks.Drills;

/// <summary>
/// Shops of a drill: one simulated CCV Shop and AccountView administration per connection (in this process,
/// on loopback ports, with the documented limits), whose webhooks reach Relay through the balancer.
/// </summary>
public sealed class DrillShops : IAsyncDisposable
{
    private readonly List<SimulatorHost> _hosts;
    private readonly HttpClient _control = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Relay's wire format: camelCase, enums by name.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
        { Converters = { new JsonStringEnumConverter() } };

    private DrillShops(List<SimulatorHost> hosts) => _hosts = hosts;

    public IReadOnlyList<SimulatorHost> Hosts => _hosts;
    public static string ConnectionId(int shop) => $"shop-{shop:D2}";

    /// <param name="unlimited">Lifts CCV Shop's documented read and write limits (a benchmark of Relay itself).</param>
    public static async Task<DrillShops> StartAsync(int count, HttpMessageHandler webhooks,
        int accountViewLatencyMs = 0, bool unlimited = false)
    {
        var hosts = new List<SimulatorHost>();
        for (var i = 0; i < count; i++)
        {
            var shop = new CcvShopOptions { SeedOrders = 0, SeedProducts = 20 };
            if (unlimited) (shop.ReadsPerMinute, shop.WritesPerMinute) = (1_000_000, 1_000_000);
            var host = await SimulatorHost.StartAsync(shop,
                new AccountViewOptions { SeedArticles = 20 }, webhookHandler: webhooks);
            if (accountViewLatencyMs > 0)
                host.AccountView.Faults.Set(new Relay.Simulators.FaultInjection.FaultSettings
                    { LatencyMs = accountViewLatencyMs });
            hosts.Add(host);
        }
        return new DrillShops(hosts);
    }

    /// <summary>Creates each shop's connection with its order settings (no default debtor: debtors are found or
    /// made by e-mail), switches stock on when asked and registers its webhooks.</summary>
    /// <returns>Each connection's webhook address (the create's answer): {address}/{event} takes deliveries.</returns>
    public async Task<List<string>> ConnectAsync(HttpClient admin, OrderFlowSettings orders,
        StockFlowSettings? stock = null)
    {
        var addresses = new List<string>();
        for (var i = 0; i < _hosts.Count; i++)
        {
            var host = _hosts[i];
            var id = ConnectionId(i);
            var created = await Ok(admin.PostAsJsonAsync("/api/connections", new
            {
                id, name = $"Drill shop {i}",
                ccvShop = new { baseUrl = host.CcvShopUrl, publicKey = "sandbox-public", secretKey = "sandbox-secret" },
                accountView = new
                {
                    baseUrl = host.AccountViewUrl, clientId = "sandbox-client", clientSecret = "sandbox-client-secret",
                    companyId = "sandbox-company", refreshToken = host.AccountView.Tokens.IssueRefreshToken(),
                },
                orders,
            }, Json));
            addresses.Add((await created.Content.ReadFromJsonAsync<JsonObject>())!["webhookAddress"]!.ToString());
            if (stock is not null) await Ok(admin.PutAsJsonAsync($"/api/connections/{id}/flows/stock", stock, Json));
            await Ok(admin.PostAsync($"/api/connections/{id}/webhooks/register", null));
        }
        return addresses;
    }

    /// <summary>Places an order in a shop (which fires orders.created); returns the shop's order number.</summary>
    public async Task<string> PlaceAsync(int shop, int customer, string sku) =>
        (await PlaceOrderAsync(shop, customer, sku))["ordernumber"]!.ToString();

    /// <summary>Places an order in a shop; returns the shop's id of it (the id Relay's work items show).</summary>
    public async Task<string> PlaceIdAsync(int shop, int customer, string sku) =>
        (await PlaceOrderAsync(shop, customer, sku))["id"]!.ToString();

    private async Task<JsonNode> PlaceOrderAsync(int shop, int customer, string sku)
    {
        var answer = await Ok(_control.PostAsJsonAsync($"{_hosts[shop].CcvShopUrl}/__control/orders", new
        {
            email = $"klant{customer}@example.nl", firstName = "Drill", lastName = $"Klant {customer}", paid = true,
            rows = new[] { new { sku, count = 1 } },
        }));
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
    }

    /// <summary>
    /// Puts orders with the given ids straight into a shop's data, as if placed on <paramref name="at"/>: no webhook
    /// is sent (the caller delivers its own), and an order older than the reconciliation window is not fed in by
    /// the poll either. Customers are <paramref name="customers"/> in turn, each with one of the simple articles.
    /// </summary>
    public void PlaceQuietly(int shop, long firstId, int count, int customers, DateTimeOffset at)
    {
        var store = _hosts[shop].CcvShop.Store;
        lock (store.Gate)
            for (var i = 0; i < count; i++)
            {
                var customer = i % customers;
                var row = new SimulatedOrderRow(OrderLatencyBenchmark.SimpleArticles[customer % 16], 1);
                CcvOrders.Place(store, new SimulatedOrder($"klant{customer}@example.nl", "Drill", $"Klant {customer}",
                    [row], Paid: true, Id: firstId + i), at);
            }
    }

    /// <summary>Both simulators of a shop forget their data (orders, debtors, sales orders, webhooks) and faults
    /// and start as seeded; the AccountView tokens Relay holds stay valid.</summary>
    public void Reset(int shop)
    {
        _hosts[shop].CcvShop.Reset();
        _hosts[shop].AccountView.Reset();
    }

    /// <summary>The order numbers of the shop's sales orders in AccountView, one per document.</summary>
    public List<string> SalesOrders(int shop) =>
        _hosts[shop].AccountView.Rows("SO_HDR").Select(o => o["COMMENT1"]?.ToString() ?? "").ToList();

    /// <summary>Debtors of the shop's administration per e-mail address.</summary>
    public List<string> DebtorMails(int shop) =>
        _hosts[shop].AccountView.Rows("CONTACT").Select(c => c["MAIL_BUS"]?.ToString() ?? "").ToList();

    /// <summary>Answers of 429 the shop gave Relay.</summary>
    public int TooManyRequests(int shop) => _hosts[shop].CcvShop.Journal.Entries.Count(e => e.Status == 429);

    /// <summary>The answer of an admin or control call that must succeed.</summary>
    public static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> call)
    {
        var answer = await call;
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException($"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        foreach (var host in _hosts) await host.DisposeAsync();
    }
}
