using Microsoft.Extensions.Logging;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;

namespace Relay.Api.Tests.Orders;

/// <summary>Logs a person can read: work outcomes, not every outbound call; no personal data; races that were handled are quiet.</summary>
[Collection(RelayCollection.Name)]
public sealed class LoggingWhatMatters(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_order_end_to_end_writes_a_handful_of_information_lines_and_nothing_louder()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/accountview/fields/refresh", RelayFixture.AdminKey, 200);
        relay.Logs.Clear();
        var calls = relay.Simulators.CcvShop.Journal.Entries.Count + relay.Simulators.AccountView.Journal.Entries.Count;

        var id = await relay.PlaceOrderAsync(new SimulatedOrder("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)], Paid: true));
        await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);

        // One Debug line per outbound call, naming method, host, status and time, and nothing of the path or query.
        var outbound = relay.Logs.Lines.Where(l => l.Category == "Relay.Api.Clients.OutboundCallLog").ToList();
        var made = relay.Simulators.CcvShop.Journal.Entries.Count + relay.Simulators.AccountView.Journal.Entries.Count - calls;
        made.ShouldBeGreaterThan(3);
        outbound.Count.ShouldBe(made);
        outbound.ShouldAllBe(l => l.Level == LogLevel.Debug && System.Text.RegularExpressions.Regex.IsMatch(l.Message,
            "^(GET|POST|PUT|PATCH) 127\\.0\\.0\\.1:\\d+ answered \\d{3} in \\d+ ms$"));
        var lines = relay.Logs.Lines.Where(l => l.Level >= LogLevel.Information).ToList();
        var described = string.Join("\n", lines.Select(l => $"{l.Level} {l.Category}: {l.Message}"));
        lines.ShouldNotContain(l => l.Level >= LogLevel.Warning, described);
        lines.ShouldNotContain(l => l.Category.StartsWith("System.Net.Http") || l.Category.StartsWith("Polly"), described);
        lines.Count.ShouldBeLessThanOrEqualTo(4, described); // the webhooks stored, the outcome, a token refresh
        lines.ShouldContain(l => l.Message == $"Order work ccv:shop-1:order:{id}: OrderSent", described);
        described.ShouldNotContain("piet@example.nl");
        described.ShouldNotContain("Puk");
    }

    [Fact]
    public async Task Lost_races_between_concurrent_deliveries_are_not_logged_as_failures()
    {
        var connection = await relay.Host.CreateConnectionAsync();
        relay.Logs.Clear();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => relay.Host.PostWebhookAsync(connection.WebhookPath("orders.updated.status"),
            RelayScenarios.OrderDelivery(7, triggeredAt: $"2026-03-01T08:00:{i:00}Z"))));

        var loud = relay.Logs.Lines.Where(l => l.Level >= LogLevel.Warning).ToList();
        loud.ShouldBeEmpty(string.Join("\n", loud.Take(3).Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Error?.GetType().Name}")));
    }
}
