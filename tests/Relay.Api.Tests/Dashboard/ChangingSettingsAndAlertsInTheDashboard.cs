using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Orders;

namespace Relay.Api.Tests.Dashboard;

/// <summary>The settings history with its diffs and restore, and the alert rules and recent alerts.</summary>
[Collection(RelayCollection.Name)]
public sealed class ChangingSettingsAndAlertsInTheDashboard(RelayFixture relay) : IAsyncLifetime
{
    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_history_shows_who_changed_what_and_an_old_version_is_restored()
    {
        await relay.ConnectSimulatorsAsync(new OrderFlowSettings { Enabled = false });
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/orders", RelayFixture.AdminKey, 200,
            new OrderFlowSettings { Enabled = false, Document = DocumentKind.SalesInvoice });
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);

        var page = await visitor.GetAsync("/app/connections/shop-1/settings");

        var newest = page.QuerySelectorAll("ol.history > li").First();
        newest.TextContent.ShouldContain("orders · bootstrap");
        var change = newest.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        change.QuerySelector("th")!.TextContent.ShouldBe("orders.document");
        change.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["\"SalesOrder\"", "\"SalesInvoice\""]);
        var restore = page.QuerySelectorAll<IHtmlButtonElement>("button[name=Version]")
            .Single(b => b.GetAttribute("aria-label") == "Restore version 1");

        var restored = await visitor.SubmitAsync((IHtmlFormElement)restore.Closest("form")!, restore);

        restored.QuerySelector("#restored")!.TextContent
            .ShouldBe("Version 1 is restored: it is the newest version now.");
        restored.QuerySelectorAll("ol.history > li").First().TextContent.ShouldContain("a restore of version 1");
        (await relay.Host.GetAdminAsync<ConnectionResponse>("/api/connections/shop-1")).Orders.Document
            .ShouldBe(DocumentKind.SalesOrder);
    }

    [Fact]
    public async Task An_alert_rule_out_of_range_is_named_beside_it_and_nothing_changes_and_a_good_one_is_saved()
    {
        await relay.ConnectSimulatorsAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/alerts");
        page.QuerySelector<IHtmlInputElement>("#StallMinutes")!.Value.ShouldBe("15");
        page.QuerySelector("section[aria-labelledby=recent] tbody")!.TextContent.ShouldContain("No alerts.");
        var form = page.QuerySelector<IHtmlFormElement>("section[aria-labelledby=rules] form")!;
        form.QuerySelector<IHtmlInputElement>("#StallMinutes")!.Value = "0";

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#StallMinutes-error")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        refused.QuerySelector("#StallMinutes")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings"))
            .Rules.StallMinutes.ShouldBe(15);
        var again = refused.QuerySelector<IHtmlFormElement>("section[aria-labelledby=rules] form")!;
        again.QuerySelector<IHtmlInputElement>("#StallMinutes")!.Value = "30";
        var saved = await visitor.SubmitAsync(again);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        (await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings"))
            .Rules.StallMinutes.ShouldBe(30);
    }

    private static IHtmlFormElement ChannelForm(IDocument page, string channel) =>
        page.QuerySelector<IHtmlFormElement>($"form[aria-labelledby={channel}-title]")!;

    private async Task<AlertSettingsResponse> StoredAlertsAsync() =>
        await relay.Host.GetAdminAsync<AlertSettingsResponse>("/api/connections/shop-1/alerts/settings");

    [Fact]
    public async Task An_email_channel_with_a_bad_address_is_named_beside_it_and_a_good_one_keeps_its_password()
    {
        await relay.ConnectSimulatorsAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/alerts");
        var form = ChannelForm(page, "email");
        form.Type("email-host", "smtp.example.nl");
        form.Type("email-from", "relay@example.nl");
        form.Type("email-to", "ops@example.nl, not-an-address");
        form.Type("email-password", "s3cret-smtp-pass");

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#email-to-error")!.TextContent.Trim().ShouldBe("Not an e-mail address.");
        refused.QuerySelector("#email-to")!.GetAttribute("aria-invalid").ShouldBe("true");
        (await StoredAlertsAsync()).Email.ShouldBeNull();
        var again = ChannelForm(refused, "email");
        again.Type("email-to", "ops@example.nl, boss@example.nl");
        again.Type("email-password", "s3cret-smtp-pass");
        var saved = await visitor.SubmitAsync(again);

        saved.QuerySelector("#saved").ShouldNotBeNull();
        saved.DocumentElement.OuterHtml.ShouldNotContain("s3cret-smtp-pass");
        saved.QuerySelector("#email-password-hint")!.TextContent.ShouldContain("A password is set");
        var stored = (await StoredAlertsAsync()).Email!;
        (stored.Host, stored.To.Count, stored.PasswordSet).ShouldBe(("smtp.example.nl", 2, true));
        var changed = ChannelForm(saved, "email");
        changed.Type("email-from", "alerts@example.nl"); // the password field is left empty
        await visitor.SubmitAsync(changed);
        stored = (await StoredAlertsAsync()).Email!;
        (stored.From, stored.PasswordSet).ShouldBe(("alerts@example.nl", true));
    }

    [Fact]
    public async Task A_webhook_channel_shows_its_new_secret_once_and_a_test_alert_goes_through_every_channel()
    {
        await relay.ConnectSimulatorsAsync();
        await using var receivers = await AlertReceivers.StartAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/alerts");
        var untested = await visitor.SubmitAsync(page.QuerySelector<IHtmlFormElement>(
            "form[aria-labelledby=test-title]")!);
        untested.QuerySelector("#alerts-error")!.TextContent.ShouldContain("There is no channel to test");
        var webhook = ChannelForm(untested, "webhook");
        webhook.Type("webhook-url", receivers.WebhookUrl);

        var saved = await visitor.SubmitAsync(webhook);

        saved.QuerySelector("#new-secret code")!.TextContent.ShouldStartWith("whsec_");
        (await visitor.GetAsync("/app/connections/shop-1/alerts")).QuerySelector("#new-secret").ShouldBeNull();
        var email = ChannelForm(saved, "email");
        email.Type("email-host", "127.0.0.1");
        email.Type("email-port", $"{receivers.SmtpPort}");
        email.QuerySelector<IHtmlSelectElement>("#email-security")!.Value = "None";
        email.Type("email-from", "relay@example.nl");
        email.Type("email-to", "ops@example.nl");
        var both = await visitor.SubmitAsync(email);
        (await StoredAlertsAsync()).Webhook!.Url.ShouldBe(receivers.WebhookUrl); // kept by the e-mail form

        var tested = await visitor.SubmitAsync(both.QuerySelector<IHtmlFormElement>(
            "form[aria-labelledby=test-title]")!);

        tested.QuerySelectorAll("#test-result li").Select(l => string.Join(' ',
                l.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)))
            .ShouldBe(["E-mail: sent", "Webhook: sent"], ignoreOrder: true);
        receivers.Subjects.ShouldHaveSingleItem();
        receivers.Deliveries.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_alerts_form_older_than_a_change_made_meanwhile_does_not_overwrite_it()
    {
        await relay.ConnectSimulatorsAsync();
        using var visitor = await DashboardVisitor.SignedInAsync(relay.Host, RelayFixture.AdminKey);
        var page = await visitor.GetAsync("/app/connections/shop-1/alerts");
        var form = ChannelForm(page, "webhook");
        form.Type("webhook-url", "https://hooks.example.nl/relay");
        // Meanwhile someone sets the rules through the API: stalled work after 30 minutes.
        await relay.Host.CallAsync("PUT", "/api/connections/shop-1/alerts/settings", RelayFixture.AdminKey, 200,
            new { rules = new { stallMinutes = 30 } });

        var refused = await visitor.SubmitAsync(form);

        refused.QuerySelector("#alerts-error")!.TextContent.ShouldContain("Someone changed this connection");
        var stored = await StoredAlertsAsync();
        (stored.Webhook, stored.Rules.StallMinutes).ShouldBe((null, 30));
    }
}
