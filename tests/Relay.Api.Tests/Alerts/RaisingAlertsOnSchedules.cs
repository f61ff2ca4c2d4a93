using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Products;
using Relay.Api.Features.Stock;
using Relay.Api.Features.WorkItems;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;
using Relay.Domain.Customers;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;
using Shouldly;

namespace Relay.Api.Tests.Alerts;

/// <summary>End to end: the alerts that come from time passing: stalled work, a silent poll, long rate-limit waits.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class RaisingAlertsOnSchedules(RelayFixture relay) : IAsyncLifetime
{
    private AlertReceivers _to = null!;

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        _to = await AlertReceivers.StartAsync();
        await relay.ConnectSimulatorsAsync();
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey, 200,
            new { webhook = new { url = _to.WebhookUrl } });
    }

    public async Task DisposeAsync() => await _to.DisposeAsync();

    private IReadOnlyList<string> Sent => [.. _to.Deliveries.Select(d =>
        $"{d.Json["type"]!.GetValue<string>()} {d.Json["data"]!["trigger"]!.GetValue<string>()}")];

    [Fact]
    public async Task Work_received_and_not_processed_within_the_stall_time_is_an_alert_resolved_once_it_is_done()
    {
        // An order known to Relay with no work message to run it: as if the message were lost.
        var id = await relay.PlaceOrderAsync(new("piet@example.nl", "Piet", "Puk", [new("ART-00001", 1)]));
        var key = WorkKey.ForShopEntity("shop-1", ShopEntity.Order, $"{id}-lost").ToString();
        await WorkStreams.AppendAsync(relay.Store,
            [(key, new OrderFoundByPoll(key, "shop-1", $"{id}-lost", relay.Clock.GetUtcNow()))], default);
        relay.Clock.Advance(TimeSpan.FromMinutes(14));
        await relay.LookAtAlertsAsync();
        Sent.ShouldBeEmpty();

        relay.Clock.Advance(TimeSpan.FromMinutes(1));
        await relay.LookAtAlertsAsync();
        Sent.ShouldBe(["relay.alert.started workStalled"]);
        _to.Deliveries[0].Json["text"]!.GetValue<string>().ShouldContain("Received and not finished within 15 minutes");

        await using (var session = relay.Store.LightweightSession())
        {
            session.Delete<WorkItem>(key); // the stuck item is dealt with (here: taken away)
            await session.SaveChangesAsync();
        }
        await relay.LookAtAlertsAsync();
        Sent.ShouldBe(["relay.alert.started workStalled", "relay.alert.resolved workStalled"]);
    }

    [Fact]
    public async Task A_stock_poll_without_success_for_three_intervals_is_an_alert_resolved_by_its_next_success()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings { PollSeconds = 10 });
        // The authorisation is revoked: every poll fails at once (and the credentials alert comes with it).
        relay.Simulators.AccountView.Tokens.ExpireAccessTokens();
        relay.Simulators.AccountView.Tokens.RevokeRefreshTokens();
        var poller = relay.Host.Services.GetRequiredService<StockPoller>();
        relay.Clock.Advance(TimeSpan.FromSeconds(30));
        // Its timed poll (started here or by the poller's own timer) fails.
        await ClockPump.RunAsync(() => relay.Clock, Eventually.WaitAsync(async () =>
        {
            await poller.StartDuePollsAsync(default);
            return (await relay.StockPollStateAsync())?.LastError is not null;
        }, TimeSpan.FromSeconds(30), () => "no stock poll failed"), TimeSpan.FromSeconds(1));
        await poller.WhenIdleAsync();
        await relay.LookAtAlertsAsync();
        await DeliveredAsync(2);
        Sent.Order().ShouldBe(["relay.alert.started credentialsRejected", "relay.alert.started pollerSilent"]);

        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new
        {
            accountView = new { baseUrl = relay.Simulators.AccountViewUrl, clientId = "sandbox-client",
                clientSecret = "sandbox-client-secret", companyId = "sandbox-company",
                refreshToken = relay.Simulators.AccountView.Tokens.IssueRefreshToken() },
        });
        await relay.PollStockAsync();
        await relay.LookAtAlertsAsync();
        Sent.Skip(2).Order().ShouldBe(["relay.alert.resolved credentialsRejected",
            "relay.alert.resolved pollerSilent"]);
    }

    [Fact]
    public async Task Calls_waiting_long_for_the_shops_rate_limit_are_an_alert_that_clears_when_the_waits_stop()
    {
        // A limiter with a budget of one write a minute, on this Relay's records of its calls.
        var limiter = new CcvRateLimiter(new CcvShopClientOptions { WritesPerMinute = 1 }, relay.Clock,
            relay.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            relay.Host.Services.GetRequiredService<SystemContacts>());
        var shop = new CcvShopAccess(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret").ShopKey;
        var second = relay.Clock.GetUtcNow().Second;
        if (second > 10) relay.Clock.Advance(TimeSpan.FromSeconds(60 - second)); // early in a minute: a long wait
        await limiter.AcquireAsync(shop, HttpMethod.Post, "/api/rest/v1/orders/1/notes", default);
        var waiting = limiter.AcquireAsync(shop, HttpMethod.Post, "/api/rest/v1/orders/2/notes", default);
        await Eventually.WaitAsync(() => limiter.Waiting == 1, TimeSpan.FromSeconds(10), () => "no call waited");
        await relay.LookAtAlertsAsync();
        Sent.ShouldBe(["relay.alert.started rateLimited"]);

        relay.Clock.Advance(TimeSpan.FromMinutes(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        relay.Clock.Advance(TimeSpan.FromMinutes(10));
        await relay.LookAtAlertsAsync();
        Sent.ShouldBe(["relay.alert.started rateLimited", "relay.alert.resolved rateLimited"]);
    }

    [Fact]
    public async Task A_customer_scan_that_keeps_failing_is_an_alert_resolved_by_its_next_success()
    {
        await SetShopSecretAsync("wrong"); // CCV Shop refuses every call: the scans fail
        await relay.SetCustomerFlowAsync(new CustomerFlowSettings { Enabled = true, ScanMinutes = 5 });
        var scans = relay.Host.Services.GetRequiredService<CataloguePoller>();
        await ScanUntilAsync(scans, s => s?.LastError is not null, "no customer scan failed");
        relay.Clock.Advance(TimeSpan.FromMinutes(15));
        await relay.LookAtAlertsAsync();
        await DeliveredAsync(2);
        Sent.Order().ShouldBe(["relay.alert.started credentialsRejected", "relay.alert.started pollerSilent"]);
        _to.Deliveries.Select(d => d.Json["data"]!["subject"]!.GetValue<string>())
            .ShouldContain("customer scan");

        await SetShopSecretAsync("sandbox-secret");
        await ScanUntilAsync(scans, s => s?.LastCustomerScanAt is not null, "no customer scan succeeded");
        await relay.LookAtAlertsAsync();
        Sent.Skip(2).Order().ShouldBe(["relay.alert.resolved credentialsRejected",
            "relay.alert.resolved pollerSilent"]);
    }

    /// <summary>The watch's own timer may have opened an alert while the clock was pumped, its message then on its
    /// way or due again: the messages are waited for (the clock moving for a retry), then looked at.</summary>
    private Task DeliveredAsync(int count) =>
        ClockPump.RunAsync(() => relay.Clock, Eventually.WaitAsync(() => _to.Deliveries.Count >= count,
            TimeSpan.FromSeconds(30),
            () => $"{_to.Deliveries.Count} alert messages, not {count}: {string.Join(", ", Sent)}"),
            TimeSpan.FromSeconds(1));

    private Task SetShopSecretAsync(string secret) =>
        relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new
        {
            ccvShop = new { baseUrl = relay.Simulators.CcvShopUrl, publicKey = "sandbox-public", secretKey = secret },
        });

    private async Task ScanUntilAsync(CataloguePoller scans, Func<CatalogueState?, bool> done, string otherwise) =>
        await ClockPump.RunAsync(() => relay.Clock, Eventually.WaitAsync(async () =>
        {
            await scans.RunDueAsync(default);
            await scans.WhenIdleAsync();
            await using var query = relay.Store.QuerySession();
            return done(await query.LoadAsync<CatalogueState>("shop-1"));
        }, TimeSpan.FromSeconds(30), () => otherwise), TimeSpan.FromSeconds(1));
}
