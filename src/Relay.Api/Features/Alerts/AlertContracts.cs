using System.ComponentModel.DataAnnotations;
using Relay.Domain.Alerts;

namespace Relay.Api.Features.Alerts;

/// <summary>A connection's alert channels and rules, as a whole. A secret left out keeps the stored one.</summary>
public sealed record AlertSettingsRequest(
    EmailAlertsRequest? Email = null,
    WebhookAlertsRequest? Webhook = null,
    AlertRulesRequest? Rules = null);

public sealed record EmailAlertsRequest(
    [property: Required, StringLength(255, MinimumLength = 1)] string Host = "",
    [property: Range(1, 65535)] int Port = 587,
    SmtpSecurity Security = SmtpSecurity.StartTls,
    [property: StringLength(255)] string? UserName = null,
    [property: StringLength(500)] string? Password = null,
    [property: Required, EmailAddress] string From = "",
    [property: Required, MinLength(1), MaxLength(20)] IReadOnlyList<string> To = null!);

public sealed record WebhookAlertsRequest(
    [property: Required, Url] string Url = "",
    [property: RegularExpression("^(whsec_)?[A-Za-z0-9+/]{16,}={0,2}$",
        ErrorMessage = "A Standard Webhooks secret: whsec_ and base64 (at least 12 bytes). Leave out to keep the " +
                       "stored one, or to have Relay make one.")]
    string? Secret = null);

public sealed record AlertRulesRequest(
    [property: Range(1, 1440)] int StallMinutes = 15,
    [property: Range(1, 1440)] int UnreachableMinutes = 10,
    [property: Range(1, 100)] int PollerMissedIntervals = 3,
    [property: Range(5, 3600)] int RateLimitWaitSeconds = 30,
    [property: Range(1, 168)] int RepeatHours = 24)
{
    public AlertRules ToRules() => new()
    {
        StallMinutes = StallMinutes, UnreachableMinutes = UnreachableMinutes,
        PollerMissedIntervals = PollerMissedIntervals, RateLimitWaitSeconds = RateLimitWaitSeconds,
        RepeatHours = RepeatHours,
    };
}

/// <summary>The alert settings as stored, without the secrets.</summary>
/// <param name="NewWebhookSecret">The signing secret Relay made for the webhook: shown this once.</param>
/// <param name="FromTenant">The connection has no setup of its own: these are its tenant's defaults.</param>
public sealed record AlertSettingsResponse(EmailAlertsView? Email, WebhookAlertsView? Webhook, AlertRules Rules,
    string? NewWebhookSecret = null, bool FromTenant = false);

public sealed record EmailAlertsView(string Host, int Port, SmtpSecurity Security, string? UserName, bool PasswordSet,
    string From, IReadOnlyList<string> To);

public sealed record WebhookAlertsView(string Url);

public sealed record AlertNoticeView(string Id, AlertNoticeKind Kind, AlertChannel Channel, NoticeStatus Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError,
    string Title);

public sealed record AlertView(string Id, AlertState State, AlertTrigger Trigger, string Subject,
    Relay.Domain.WorkItems.Flow? Flow, int Count, string Reason, string? OtherSystemMessage, string? Item,
    string? WorkItem, DateTimeOffset Since, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt,
    IReadOnlyList<AlertNoticeView> Notices);

public sealed record AlertsResponse(string ConnectionId, IReadOnlyList<AlertView> Alerts);

public sealed record TestAlertResponse(IReadOnlyList<AlertNoticeView> Notices);
