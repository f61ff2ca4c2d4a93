using System.Text.Json.Nodes;
using Alba;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.Settings;

namespace Relay.Api.Tests.Admin;

/// <summary>Two admins saving at once: the connection's version (ETag) and If-Match make the second one find out.</summary>
[Collection(RelayCollection.Name)]
public sealed class SavingWithoutLostUpdates(RelayFixture relay) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> ETagAsync(string url) =>
        (await relay.Host.CallAsync("GET", url, RelayFixture.AdminKey, 200)).Context.Response.Headers.ETag.ToString();

    private Task<IScenarioResult> PutOrdersAsync(OrderFlowSettings settings, string? ifMatch, int status) => relay.Host.Scenario(s =>
    {
        s.Put.Json(settings).ToUrl("/api/connections/shop-1/flows/orders");
        s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
        if (ifMatch is not null) s.WithRequestHeader("If-Match", ifMatch);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_a_412_and_changes_nothing()
    {
        var read = await ETagAsync("/api/connections/shop-1/settings");
        (await ETagAsync("/api/connections/shop-1")).ShouldBe(read); // one version for the connection and its settings

        var first = await PutOrdersAsync(new OrderFlowSettings { Enabled = false, ReconciliationMinutes = 11 }, read, 200);
        var second = await PutOrdersAsync(new OrderFlowSettings { Enabled = false, ReconciliationMinutes = 22 }, read, 412);

        (await ETagAsync("/api/connections/shop-1/settings")).ShouldNotBe(read);
        first.ShouldNotBeNull();
        (await second.ReadAsJsonAsync<JsonObject>())!["title"]!.ToString().ShouldBe("The connection changed meanwhile");
        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Orders.ReconciliationMinutes.ShouldBe(11);
        await relay.Host.Scenario(s =>
        {
            s.Delete.Url("/api/connections/shop-1");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.WithRequestHeader("If-Match", read);
            s.StatusCodeShouldBe(412);
        });
    }

    [Fact]
    public async Task The_current_version_or_no_if_match_lets_the_change_through()
    {
        await PutOrdersAsync(new OrderFlowSettings { Enabled = false, ReconciliationMinutes = 11 }, null, 200);
        var current = await ETagAsync("/api/connections/shop-1/settings");

        await PutOrdersAsync(new OrderFlowSettings { Enabled = false, ReconciliationMinutes = 12 }, current, 200);

        (await relay.Host.GetAdminAsync<ConnectionSettings>("/api/connections/shop-1/settings")).Orders.ReconciliationMinutes.ShouldBe(12);
    }

    [Fact]
    public async Task Of_writers_sending_the_same_version_at_once_one_wins_and_the_others_get_412()
    {
        var read = await ETagAsync("/api/connections/shop-1/settings");

        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Send(i, read)));

        answers.Count(a => a == 200).ShouldBe(1, string.Join(", ", answers));
        answers.Count(a => a == 412).ShouldBe(7, string.Join(", ", answers));
    }

    [Fact]
    public async Task Writers_without_if_match_at_once_all_get_their_change_made()
    {
        var answers = await Task.WhenAll(Enumerable.Range(11, 8).Select(i => Send(i, null))); // none equal to the 5 it has

        answers.ShouldAllBe(a => a == 200, string.Join(", ", answers));
        (await relay.Host.GetAdminAsync<JsonArray>("/api/connections/shop-1/settings/history")).Count.ShouldBe(9); // created + 8
    }

    private async Task<int> Send(int minutes, string? ifMatch)
    {
        using var client = relay.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/connections/shop-1/flows/orders")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new OrderFlowSettings { Enabled = false, ReconciliationMinutes = minutes },
                options: RelayProcess.Json),
        };
        request.Headers.Add("X-Api-Key", RelayFixture.AdminKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
