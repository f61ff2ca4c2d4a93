using Microsoft.AspNetCore.Components;
using Relay.Api.Dashboard.Shell;
using Relay.Api.Features.Alerts;
using Relay.Domain.Alerts;

namespace Relay.Api.Dashboard.Alerts;

/// <summary>
/// A connection's alerts: its channels (e-mail, webhook) and rules, each form saving the whole setup through the
/// admin API's handler with the other parts as they are (a password left empty keeps the stored one), a test
/// message through every channel, and the recent alerts.
/// </summary>
public partial class AlertsPage
{
    [SupplyParameterFromForm(FormName = "rules")] private Dictionary<string, string>? Form { get; set; }
    [SupplyParameterFromForm(FormName = "email")] private EmailChannelForm? EmailForm { get; set; }
    [SupplyParameterFromForm(FormName = "webhook")] private WebhookChannelForm? WebhookForm { get; set; }

    protected override bool CarriesVersion => true;

    private AlertSettingsResponse? _settings;
    private IReadOnlyList<AlertView> _alerts = [];
    private IReadOnlyList<AlertNoticeView>? _tested;
    private bool _saved;
    private string? _newSecret;

    private static (string Field, string Text, int Value)[] RuleFields(AlertRules rules) =>
    [
        (nameof(rules.StallMinutes), "Alerts.StallMinutes", rules.StallMinutes),
        (nameof(rules.UnreachableMinutes), "Alerts.UnreachableMinutes", rules.UnreachableMinutes),
        (nameof(rules.PollerMissedIntervals), "Alerts.PollerMissedIntervals", rules.PollerMissedIntervals),
        (nameof(rules.RateLimitWaitSeconds), "Alerts.RateLimitWaitSeconds", rules.RateLimitWaitSeconds),
        (nameof(rules.RepeatHours), "Alerts.RepeatHours", rules.RepeatHours),
    ];

    private string? FormValue(string field) => Form is not null && Form.TryGetValue(field, out var v) ? v : null;

    /// <summary>A field's errors, its list items' too ("email.to[1]" under "email.to").</summary>
    private IReadOnlyList<string> ErrorsUnder(string field) =>
    [
        .. Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)
                || e.Key.StartsWith($"{field}[", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value),
    ];

    /// <summary>A member path as the API names it in bodies: "Email.To[0]" is "email.to[0]".</summary>
    private static string Camel(string path) =>
        string.Join('.', path.Split('.').Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));

    protected override async Task LoadStepAsync()
    {
        _settings = AdminAnswer.Of<AlertSettingsResponse>(
            await AlertEndpoints.GetAlertSettingsAsync(Id, User, Session, Ct)).Value;
        _alerts = AdminAnswer.Of<AlertsResponse>(
            await AlertEndpoints.ListAlertsAsync(Id, User, Session, Ct)).Value?.Alerts ?? [];
    }

    /// <summary>The setup as it is, as a request: secrets left out, so the stored ones are kept.</summary>
    private static AlertSettingsRequest Current(AlertSettingsResponse now) => new(
        now.Email is { } e ? new EmailAlertsRequest(e.Host, e.Port, e.Security, e.UserName, null, e.From, e.To) : null,
        now.Webhook is { } w ? new WebhookAlertsRequest(w.Url) : null,
        new AlertRulesRequest(now.Rules.StallMinutes, now.Rules.UnreachableMinutes, now.Rules.PollerMissedIntervals,
            now.Rules.RateLimitWaitSeconds, now.Rules.RepeatHours));

    private Task SaveEmailAsync()
    {
        var form = EmailForm ?? new EmailChannelForm();
        if (form.Remove) return SaveAsync(Current(_settings!) with { Email = null });
        if (!int.TryParse(form.Port, out var port))
        {
            Errors = new Dictionary<string, string[]> { ["email.port"] = [L["Alerts.NotANumber"]] };
            return Task.CompletedTask;
        }
        var to = (form.To ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries
            | StringSplitOptions.RemoveEmptyEntries);
        return SaveAsync(Current(_settings!) with
        {
            Email = new EmailAlertsRequest(form.Host?.Trim() ?? "", port, form.Security, Blank(form.UserName),
                Blank(form.Password), form.From?.Trim() ?? "", to),
        });
    }

    private Task SaveWebhookAsync()
    {
        var form = WebhookForm ?? new WebhookChannelForm();
        return SaveAsync(Current(_settings!) with
        {
            Webhook = form.Remove ? null : new WebhookAlertsRequest(form.Url?.Trim() ?? ""),
        });
    }

    private Task SaveRulesAsync()
    {
        var errors = new Dictionary<string, string[]>();
        int Read(string field)
        {
            if (int.TryParse(FormValue(field), out var value)) return value;
            errors[$"rules.{Camel(field)}"] = [L["Alerts.NotANumber"]];
            return 0;
        }
        var rules = new AlertRulesRequest(Read("StallMinutes"), Read("UnreachableMinutes"),
            Read("PollerMissedIntervals"), Read("RateLimitWaitSeconds"), Read("RepeatHours"));
        if (errors.Count == 0) return SaveAsync(Current(_settings!) with { Rules = rules });
        Errors = errors;
        return Task.CompletedTask;
    }

    /// <summary>The route's checks, then its handler; the problems by field, named as the API names them.</summary>
    private async Task SaveAsync(AlertSettingsRequest request)
    {
        var problems = await RequestValidation.ProblemsAsync(request, Http.RequestServices, Ct);
        if (problems.Count > 0)
        {
            Errors = problems.ToDictionary(p => Camel(p.Key), p => p.Value);
            return;
        }
        // The whole setup is sent: refused when the connection changed since the page was made.
        var answer = AdminAnswer.Of<AlertSettingsResponse>(await ChangeAsync(() =>
            AlertEndpoints.SetAlertSettingsAsync(Id, request, User, Session, Ct)));
        if (answer.Value is null)
        {
            Errors = ProblemsOf(answer).ToDictionary(p => Camel(p.Key), p => p.Value);
            return;
        }
        (_settings, _saved, _newSecret) = (answer.Value, true, answer.Value.NewWebhookSecret);
    }

    private async Task TestAsync()
    {
        var answer = AdminAnswer.Of<TestAlertResponse>(await AlertEndpoints.SendTestAlertAsync(Id, User, Session,
            Sender, Clock, Configuration, Ct));
        if (answer.Value is { } sent) _tested = sent.Notices;
        else if (answer.Problem?.Status == StatusCodes.Status422UnprocessableEntity)
            Errors = new Dictionary<string, string[]> { [""] = [L["Alerts.NoChannelToTest"]] };
        else Errors = ProblemsOf(answer);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed class EmailChannelForm
    {
        public string? Host { get; set; }
        public string? Port { get; set; }
        public SmtpSecurity Security { get; set; }
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? From { get; set; }
        public string? To { get; set; }
        public bool Remove { get; set; }
    }

    public sealed class WebhookChannelForm
    {
        public string? Url { get; set; }
        public bool Remove { get; set; }
    }
}
