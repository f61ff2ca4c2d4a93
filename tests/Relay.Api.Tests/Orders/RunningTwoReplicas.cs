using System.Net.Http.Json;
using Npgsql;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Simulators;
using Relay.Simulators.AccountView;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Orders;

/// <summary>
/// Two Relay processes on one PostgreSQL (Wolverine in Balanced mode). The replica that acknowledged the work
/// is killed (SIGKILL) while it writes: the survivor takes its inbox over, and every order lands exactly once.
/// </summary>
[Collection(RelayProcess.Collection)]
public sealed class RunningTwoReplicas : IAsyncLifetime
{
    private const string Key = "replica-test-key-0123456789";
    private const int Orders = 10;
    private SimulatorHost _simulators = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _simulators = await SimulatorHost.StartAsync(new CcvShopOptions { SeedOrders = 0, SeedProducts = 20 },
            new AccountViewOptions { SeedArticles = 20 });
        // A database of its own on the test cluster: the replicas share it, the other tests never see it.
        var cluster = new NpgsqlConnectionStringBuilder(await TestDatabase.ConnectionStringAsync());
        var name = $"relay_replicas_{Guid.NewGuid():n}";
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        cluster.Database = name;
        _database = cluster.ConnectionString;
    }

    public async Task DisposeAsync() => await _simulators.DisposeAsync();

    private Dictionary<string, string> Settings => new()
    {
        ["ConnectionStrings__Relay"] = _database,
        ["Relay__Admin__ApiKey"] = Key,
        ["Relay__Secrets__Key"] = RelayFixture.SecretsKey, // every replica opens the same sealed credentials
        ["Relay__Sandbox__Enabled"] = "false",
    };

    [Fact]
    public async Task Orders_acknowledged_by_a_replica_that_dies_mid_write_are_sent_once_by_the_other()
    {
        var ids = new List<long>();
        lock (_simulators.CcvShop.Store.Gate)
            for (var i = 0; i < Orders; i++)
                ids.Add(CcvOrders.Place(_simulators.CcvShop.Store, new SimulatedOrder($"klant{i}@example.nl", "Klant", $"{i}",
                    [new("ART-00001", 1)], Paid: true), DateTimeOffset.UtcNow).Order!["id"]!.GetValue<long>());
        await using var survivor = RelayProcess.Start(Settings);
        await using (var doomed = RelayProcess.Start(Settings))
        {
            await Task.WhenAll(survivor.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)),
                doomed.WaitUntilReadyAsync(TimeSpan.FromSeconds(90)));
            using var api = doomed.AdminClient(Key);
            (await api.PostAsJsonAsync("/api/connections", new CreateConnectionRequest("two", "Two replicas",
                new CcvShopCredentialsRequest(_simulators.CcvShopUrl, "sandbox-public", "sandbox-secret"),
                new AccountViewCredentialsRequest(_simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret",
                    "sandbox-company", _simulators.AccountView.Tokens.IssueRefreshToken()),
                null, new OrderFlowSettings { DefaultDebtor = "10001" }), RelayProcess.Json)).EnsureSuccessStatusCode();
            // The sales order inserts are slow: the replica holding the work is killed while it waits for them.
            _simulators.AccountView.Faults.Set(new FaultSettings { WriteLatencyMs = 10_000 });
            (await api.PostAsync("/api/connections/two/reconcile", null)).EnsureSuccessStatusCode();
            await Eventually.WaitAsync(async () => await AnyDecidedAsync(api, ids), TimeSpan.FromSeconds(60),
                () => $"no sales order was being written. Output:\n{doomed.Output}");
            await doomed.CrashAsync();
        }
        _simulators.AccountView.Faults.Set(new FaultSettings());

        await Eventually.WaitAsync(() => Task.FromResult(SalesOrders().Count == Orders), TimeSpan.FromSeconds(90),
            () => $"{SalesOrders().Count} of {Orders} sales orders. Survivor:\n{survivor.Output}");

        SalesOrders().GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        SalesOrders().Distinct().Count().ShouldBe(Orders);
    }

    /// <summary>An order decided is one whose sales order is being written.</summary>
    private static async Task<bool> AnyDecidedAsync(HttpClient api, IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            var answer = await api.GetAsync($"/api/work-items/ccv:two:order:{id}/events");
            if (answer.IsSuccessStatusCode && (await answer.Content.ReadAsStringAsync()).Contains("order_decided")) return true;
        }
        return false;
    }

    private List<string> SalesOrders() =>
        _simulators.AccountView.Rows("SO_HDR").Select(o => o["COMMENT1"]?.ToString() ?? "").ToList();

}
