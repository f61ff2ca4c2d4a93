using System.Text;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Alerts;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;
using Shouldly;

namespace Relay.Api.Tests.Alerts;

/// <summary>End to end: problems of a connection become alerts by webhook and e-mail, grouped, with a resolution.
/// </summary>
[Collection(RelayCollection.Name)]
public sealed class RaisingAlerts(RelayFixture relay) : IAsyncLifetime
{
    private AlertReceivers _to = null!;
    private const string Secret = "whsec_dGVzdC1hbGVydC1zaWduaW5nLWtleQ==";

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        _to = await AlertReceivers.StartAsync();
    }

    public async Task DisposeAsync() => await _to.DisposeAsync();

    private Task SetAlertsAsync(int status = 200, object? rules = null) =>
        relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey, status, new
        {
            email = new { host = "127.0.0.1", port = _to.SmtpPort, security = "None", from = "relay@example.nl",
                to = new[] { "ops@example.nl" } },
            webhook = new { url = _to.WebhookUrl, secret = Secret },
            rules,
        });

    private static SimulatedOrder Order(string article) => new("piet@example.nl", "Piet", "Puk", [new(article, 1)],
        Paid: true, Street: "Kerkstraat", HouseNumber: 5, Zipcode: "8011AA", City: "Zwolle");

    [Fact]
    public async Task Orders_failing_for_one_reason_are_one_alert_by_webhook_and_email_and_one_resolution_after_replay()
    {
        await relay.ConnectSimulatorsAsync();
        await SetAlertsAsync();
        var articles = relay.Simulators.AccountView.Store.Table("sandbox-company", "ARTICLE");
        var article = articles.Single(a => a["ART_CODE"]?.ToString() == "ART-00005");
        articles.Remove(article);
        var orders = new List<long>();
        for (var i = 0; i < 3; i++) orders.Add(await relay.PlaceOrderAsync(Order("ART-00005")));
        foreach (var id in orders) await relay.WaitForOrderAsync(id, WorkStatus.Failed);

        await relay.LookAtAlertsAsync();
        await relay.LookAtAlertsAsync(); // still the same problem: nothing more is sent

        _to.Deliveries.Select(d => d.Json["data"]!["trigger"]!.GetValue<string>()).ShouldBe(["workFailed"]);
        var started = _to.Deliveries[0];
        WebhookAlertChannel.Signature(Secret, started.Id, started.Timestamp, started.Body).ShouldBe(started.Signature);
        var json = started.Json;
        json["type"]!.GetValue<string>().ShouldBe("relay.alert.started");
        json["data"]!["count"]!.GetValue<int>().ShouldBe(3);
        json["data"]!["item"]!.GetValue<string>().ShouldBe(orders[0].ToString());
        var text = json["text"]!.GetValue<string>();
        text.ShouldContain("3 orders failed (Sandbox shop (shop-1))");
        text.ShouldContain($"First item: order {orders[0]}");
        text.ShouldContain("Step: sending the order to AccountView");
        text.ShouldContain("Articles missing in AccountView: ART-00005");
        text.ShouldContain($"Replay: POST http://relay.test/api/work-items/ccv%3Ashop-1%3Aorder%3A{orders[0]}/replay");
        _to.Subjects.ShouldBe(["3 orders failed (Sandbox shop (shop-1))"]);
        _to.Bodies.Single().ShouldContain("Articles missing in AccountView: ART-00005");

        articles.Add(article);
        await relay.Host.CallAsync("POST", "/api/work-items/replay", RelayFixture.AdminKey, 202,
            new { connectionId = "shop-1", status = "Failed" });
        foreach (var id in orders) await relay.WaitForOrderAsync(id, WorkStatus.Succeeded);
        await relay.LookAtAlertsAsync();

        _to.Deliveries.Select(d => d.Json["type"]!.GetValue<string>())
            .ShouldBe(["relay.alert.started", "relay.alert.resolved"]);
        _to.Subjects.Order().ShouldBe(["3 orders failed (Sandbox shop (shop-1))",
            "Resolved: 3 orders failed (Sandbox shop (shop-1))"]);
        var alerts = await relay.Host.GetAdminAsync<AlertsResponse>("/api/connections/shop-1/alerts");
        var alert = alerts.Alerts.ShouldHaveSingleItem();
        alert.State.ShouldBe(AlertState.Resolved);
        alert.Notices.Select(n => (n.Kind, n.Status)).Order().ShouldBe([(AlertNoticeKind.Started, NoticeStatus.Sent),
            (AlertNoticeKind.Started, NoticeStatus.Sent), (AlertNoticeKind.Resolved, NoticeStatus.Sent),
            (AlertNoticeKind.Resolved, NoticeStatus.Sent)]);

        // Its messages quote the failure's words: they go with the personal data's retention (30 days).
        relay.Clock.Advance(TimeSpan.FromDays(31));
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/retention/run", RelayFixture.AdminKey, 200);
        (await relay.Host.GetAdminAsync<AlertsResponse>("/api/connections/shop-1/alerts")).Alerts.ShouldBeEmpty();
        await using var query = relay.Store.QuerySession();
        (await query.Query<AlertNoticeDocument>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_shop_refusing_Relays_key_is_one_alert_that_clears_when_the_key_works_again()
    {
        await relay.ConnectSimulatorsAsync();
        await SetAlertsAsync();
        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new
        {
            ccvShop = new { baseUrl = relay.Simulators.CcvShopUrl, publicKey = "sandbox-public", secretKey = "wrong" },
        });
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/verify", RelayFixture.AdminKey, 200);
        await relay.LookAtAlertsAsync();

        _to.Deliveries.Select(d => d.Json["data"]!["trigger"]!.GetValue<string>()).ShouldBe(["credentialsRejected"]);
        var refused = _to.Deliveries[0].Json;
        refused["data"]!["trigger"]!.GetValue<string>().ShouldBe("credentialsRejected");
        refused["text"]!.GetValue<string>().ShouldContain("CCV Shop refused Relay's credentials");

        await relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new
        {
            ccvShop = new { baseUrl = relay.Simulators.CcvShopUrl, publicKey = "sandbox-public",
                secretKey = "sandbox-secret" },
        });
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/verify", RelayFixture.AdminKey, 200);
        await relay.LookAtAlertsAsync();

        _to.Deliveries.Count.ShouldBe(2);
        _to.Deliveries[1].Json["type"]!.GetValue<string>().ShouldBe("relay.alert.resolved");
    }

    [Fact]
    public async Task AccountView_not_answering_for_the_set_minutes_is_an_alert_and_its_answer_resolves_it()
    {
        await relay.ConnectSimulatorsAsync();
        await SetAlertsAsync(rules: new { unreachableMinutes = 5 });
        relay.Simulators.AccountView.Faults.Set(new FaultSettings { ErrorRate = 1 });
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/verify", RelayFixture.AdminKey, 200);
        await relay.LookAtAlertsAsync();
        _to.Deliveries.ShouldBeEmpty(); // not answering, but not for five minutes yet

        relay.Clock.Advance(TimeSpan.FromMinutes(5));
        await relay.LookAtAlertsAsync();
        var down = _to.Deliveries.ShouldHaveSingleItem().Json;
        down["data"]!["trigger"]!.GetValue<string>().ShouldBe("unreachable");
        down["data"]!["subject"]!.GetValue<string>().ShouldBe("AccountView");

        relay.Simulators.AccountView.Faults.Set(new FaultSettings());
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/verify", RelayFixture.AdminKey, 200);
        await relay.LookAtAlertsAsync();
        _to.Deliveries.Select(d => d.Json["type"]!.GetValue<string>())
            .ShouldBe(["relay.alert.started", "relay.alert.resolved"]);
    }

    [Fact]
    public async Task A_test_alert_goes_through_every_channel_and_a_failing_webhook_is_tried_again_later()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/alerts/test", RelayFixture.AdminKey, 422);
        await SetAlertsAsync();

        _to.FailWith = 503;
        var test = await relay.Host.CallAsync("POST", "/api/connections/shop-1/alerts/test", RelayFixture.AdminKey, 200);
        var notices = (await test.ReadAsJsonAsync<TestAlertResponse>())!.Notices;
        notices.Single(n => n.Channel == AlertChannel.Email).Status.ShouldBe(NoticeStatus.Sent);
        var hook = notices.Single(n => n.Channel == AlertChannel.Webhook);
        hook.Status.ShouldBe(NoticeStatus.Pending);
        hook.LastError.ShouldBe("The webhook answered 503.");
        _to.Subjects.ShouldBe(["Test alert from Relay (Sandbox shop (shop-1))"]);

        _to.FailWith = null;
        relay.Clock.Advance(AlertNoticeDocument.Backoff[0]);
        await relay.LookAtAlertsAsync();
        var delivery = _to.Deliveries.ShouldHaveSingleItem();
        delivery.Id.ShouldBe(hook.Id); // the same message, so a receiver can tell a retry
        delivery.Json["type"]!.GetValue<string>().ShouldBe("relay.alert.test");
        delivery.Json["data"]!["trigger"]!.GetValue<string>().ShouldBe("test");
        delivery.Json["text"]!.GetValue<string>().ShouldContain("Step: checking the alert channels");
    }

    [Fact]
    public async Task Alert_settings_refuse_mistakes_by_field_and_never_answer_a_secret()
    {
        await relay.ConnectSimulatorsAsync();
        var unknown = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings",
            RelayFixture.AdminKey, 400, new { webhook = new { url = _to.WebhookUrl, sekret = "x" } });
        (await unknown.ReadAsTextAsync()).ShouldContain("sekret");
        var bad = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey,
            400, new { email = new { host = "smtp.example.nl", from = "relay@example.nl", to = new[] { "nope" } } });
        (await bad.ReadAsTextAsync()).ShouldContain("email.to[0]");
        var rule = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey,
            400, new { webhook = new { url = _to.WebhookUrl }, rules = new { stallMinutes = 0 } });
        (await rule.ReadAsTextAsync()).ShouldContain("stallMinutes", Case.Insensitive);
        (await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings"))
            .Webhook.ShouldBeNull(); // nothing was changed by the refused ones

        var made = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey,
            200, new
            {
                email = new { host = "smtp.example.nl", userName = "relay", password = "smtp-password-123",
                    from = "relay@example.nl", to = new[] { "ops@example.nl" } },
                webhook = new { url = _to.WebhookUrl },
            });
        var secret = (await made.ReadAsJsonAsync<AlertSettingsResponse>())!.NewWebhookSecret;
        secret.ShouldStartWith("whsec_");
        var read = await relay.Host.CallAsync("GET", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey,
            200);
        var answer = await read.ReadAsTextAsync();
        answer.ShouldNotContain("smtp-password-123");
        answer.ShouldNotContain(secret!);
        answer.ShouldContain("\"passwordSet\":true");
        Encoding.UTF8.GetByteCount(answer).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_connection_without_its_own_alert_setup_uses_its_tenants_until_it_has_one()
    {
        await relay.ConnectSimulatorsAsync();
        await relay.Host.CallAsync("PUT", "/api/tenants/default/alerts/settings", RelayFixture.AdminKey, 200,
            new { webhook = new { url = _to.WebhookUrl, secret = Secret } });
        (await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings"))
            .FromTenant.ShouldBeTrue();

        await relay.Host.CallAsync("POST", "/api/connections/shop-1/alerts/test", RelayFixture.AdminKey, 200);
        _to.Deliveries.ShouldHaveSingleItem().Json["type"]!.GetValue<string>().ShouldBe("relay.alert.test");

        // Its own setup (no channel: no alerts) replaces the tenant's; removing it brings the tenant's back.
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey, 200,
            new { });
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/alerts/test", RelayFixture.AdminKey, 422);
        await relay.Host.CallAsync("DELETE", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey, 204);
        await relay.Host.CallAsync("POST", "/api/connections/shop-1/alerts/test", RelayFixture.AdminKey, 200);
        _to.Deliveries.Count.ShouldBe(2);
    }
}
