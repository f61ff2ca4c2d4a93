using Relay.Api.Infrastructure.Secrets;
using Relay.Domain.Alerts;

namespace Relay.Api.Features.Alerts;

/// <summary>Where a connection's alerts go (e-mail, a webhook, or both) and when they are raised; on the
/// connection document, its secrets sealed at rest.</summary>
public sealed class AlertSetup
{
    public EmailAlerts? Email { get; set; }
    public WebhookAlerts? Webhook { get; set; }
    public AlertRules Rules { get; set; } = new();

    public bool HasChannel => Email is not null || Webhook is not null;
}

public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587); refused if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS: only for a relay on the same host or network.</summary>
    None,
}

/// <summary>Alerts by e-mail through an SMTP server (MailKit).</summary>
public sealed class EmailAlerts
{
    public required string Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? UserName { get; set; }
    [Sealed] public string? Password { get; set; }
    public required string From { get; set; }
    public required List<string> To { get; set; }
}

/// <summary>
/// Alerts as a JSON POST signed with the Standard Webhooks scheme; its <c>text</c> member makes a Slack or Mattermost
/// incoming-webhook URL work as it is.
/// </summary>
public sealed class WebhookAlerts
{
    public required string Url { get; set; }

    /// <summary>whsec_ and the base64 of the signing key, as Standard Webhooks writes it.</summary>
    [Sealed] public required string Secret { get; set; }
}
