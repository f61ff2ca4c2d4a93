using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Orders;

/// <summary>
/// Relay killed (SIGKILL) while it writes an order to AccountView, then started again on the same
/// data: the order completes, once. Relay runs as its own process here, against the test's simulators.
/// </summary>
[Collection(RelayProcess.Collection)]
public sealed class SurvivingACrash : IAsyncLifetime
{
    private const string Key = "crash-test-key-0123456789";
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"relay-crash-{Guid.NewGuid():n}");
    private SimulatorHost _simulators = null!;

    private Dictionary<string, string> Settings => new()
    {
        ["Relay__EmbeddedPostgres__DataDirectory"] = Path.Combine(_data, "postgres"),
        ["Relay__Admin__ApiKey"] = Key,
        ["Relay__Sandbox__Enabled"] = "false",
    };

    public async Task InitializeAsync() =>
        _simulators = await SimulatorHost.StartAsync(new CcvShopOptions { SeedOrders = 0, SeedProducts = 20 }, new AccountViewOptions { SeedArticles = 20 });

    public async Task DisposeAsync()
    {
        await _simulators.DisposeAsync();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task An_order_interrupted_mid_write_completes_once_after_a_restart()
    {
        long orderId;
        lock (_simulators.CcvShop.Store.Gate)
            orderId = CcvOrders.Place(_simulators.CcvShop.Store, new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1)], Paid: true),
                DateTimeOffset.UtcNow).Order!["id"]!.GetValue<long>();
        var events = $"/api/work-items/ccv:crash:order:{orderId}/events";

        await using (var first = RelayProcess.Start(Settings))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var api = first.AdminClient(Key);
            (await api.PostAsJsonAsync("/api/connections", new CreateConnectionRequest("crash", "Crash test",
                new CcvShopCredentialsRequest(_simulators.CcvShopUrl, "sandbox-public", "sandbox-secret"),
                new AccountViewCredentialsRequest(_simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret", "sandbox-company",
                    _simulators.AccountView.Tokens.IssueRefreshToken()),
                null, new OrderFlowSettings { DefaultDebtor = "10001" }), RelayProcess.Json)).EnsureSuccessStatusCode(); // the sales order is the only write
            // The sales order insert is slow: Relay is killed while it waits for it.
            _simulators.AccountView.Faults.Set(new FaultSettings { WriteLatencyMs = 10_000 });
            (await api.PostAsync("/api/connections/crash/reconcile", null)).EnsureSuccessStatusCode();
            await WaitAsync(async () => (await TypesAsync(api, events)).Contains("order_decided"), "the order to be decided", first);
            await first.CrashAsync();
        }
        _simulators.AccountView.Faults.Set(new FaultSettings());

        await using var second = RelayProcess.Start(Settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var again = second.AdminClient(Key);
        await WaitAsync(async () => (await TypesAsync(again, events)).Contains("order_sent"), "the order to complete after the restart", second);

        var types = await TypesAsync(again, events);
        types.Count(t => t == "order_decided").ShouldBe(2); // the second Relay ran it again
        types.Count(t => t == "order_sent").ShouldBe(1);
        _simulators.AccountView.Rows("SO_HDR").Count(o => o["COMMENT1"]?.ToString() == "WEB-1001").ShouldBe(1);
    }

    private static async Task<List<string>> TypesAsync(HttpClient api, string events)
    {
        var answer = await api.GetAsync(events);
        if (!answer.IsSuccessStatusCode) return [];
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
    }


    private static Task WaitAsync(Func<Task<bool>> condition, string what, RelayProcess relay) =>
        Eventually.WaitAsync(condition, TimeSpan.FromSeconds(90), () => $"{what}. Output:\n{relay.Output}");
}
