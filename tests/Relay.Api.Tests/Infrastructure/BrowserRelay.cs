using System.Net.Http.Json;
using Microsoft.Playwright;
using Npgsql;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// Relay as a merchant meets it: the built program in sandbox mode (its simulated shop and AccountView under
/// /sandbox, the demo connection) on a database of its own, and Debian's Chromium driven by Playwright. One Relay
/// and one browser for the browser tests (a class fixture of the Relay-process collection, so it starts after the
/// others' processes); browsers are never downloaded (Playwright's own driver is in its package).
/// </summary>
public sealed class BrowserRelay : IAsyncLifetime
{
    public const string Key = "browser-test-key-0123456789";
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The shop sells 310 articles, AccountView knows the first 300: an order of one of the others
    /// fails.</summary>
    public const string UnknownArticle = "ART-00305";

    private RelayProcess? _relay;
    private IPlaywright? _playwright;
    private string _state = "";

    public RelayProcess Relay => _relay!;
    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots => RepositoryFiles.PathOf("docs/screenshots");

    public async Task InitializeAsync()
    {
        _state = Path.Combine(Path.GetTempPath(), $"relay-browser-{Guid.NewGuid():n}");
        _relay = RelayProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Relay"] = await OwnDatabaseAsync(),
            ["Relay__Admin__ApiKey"] = Key,
            ["Relay__Secrets__Key"] = RelayFixture.SecretsKey,
            ["Relay__Sandbox__Enabled"] = "true",
            ["Relay__Sandbox__CcvShop__SeedProducts"] = "310",
            ["Relay__Sandbox__CcvShop__SeedOrders"] = "0",
            ["Relay__Sandbox__AccountView__SeedArticles"] = "300",
            // Where the dashboard keeps its sign-in keys (beside the embedded PostgreSQL it does not start here).
            ["Relay__EmbeddedPostgres__DataDirectory"] = Path.Combine(_state, "postgres"),
        });
        await _relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var api = _relay.AdminClient(Key);
        await Eventually.WaitAsync(
            async () => (await api.GetAsync("/api/connections/sandbox/webhooks")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), () => $"the sandbox connection was not set up. Output:\n{_relay.Output}");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it off the (closed) internet.
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_relay is not null) await _relay.DisposeAsync();
        if (Directory.Exists(_state)) Directory.Delete(_state, recursive: true);
    }

    /// <summary>A page at a window of this size, in a browser context of its own (its own cookies).</summary>
    public async Task<IPage> OpenAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Relay.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Places an order in the sandbox's shop (its control API fires orders.created); answers its id.</summary>
    public async Task<long> PlaceOrderAsync(string sku)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Relay.BaseUrl) };
        var answer = await http.PostAsJsonAsync("/sandbox/ccvshop/__control/orders",
            new Relay.Simulators.CcvShop.SimulatedOrder("piet@example.nl", "Piet", "Jansen", [new(sku, 1)],
                Paid: true));
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<long>();
    }

    /// <summary>AccountView gets the article it lacked, as a bookkeeper would add it.</summary>
    public async Task AddUnknownArticleAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Relay.BaseUrl) };
        var rows = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>(
            "/sandbox/accountview/__control/tables/ARTICLE");
        var row = rows![0]!.DeepClone().AsObject();
        row["ART_CODE"] = UnknownArticle;
        row.Remove("CNG_DATE");
        (await http.PostAsJsonAsync("/sandbox/accountview/__control/tables/ARTICLE", row)).EnsureSuccessStatusCode();
    }

    private static async Task<string> OwnDatabaseAsync()
    {
        var cluster = new NpgsqlConnectionStringBuilder(await TestDatabase.ConnectionStringAsync());
        var name = $"relay_browser_{Guid.NewGuid():n}";
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        cluster.Database = name;
        return cluster.ConnectionString;
    }
}
