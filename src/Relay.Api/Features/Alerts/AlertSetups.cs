using Marten;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;

namespace Relay.Api.Features.Alerts;

/// <summary>Which alert setup holds for a connection, and how a request becomes one (for a connection or a tenant).
/// </summary>
public static class AlertSetups
{
    /// <summary>The connection's own, else its tenant's default; null: no alerts.</summary>
    public static async Task<AlertSetup?> ForAsync(IQuerySession session, ConnectionDocument connection,
        CancellationToken ct) =>
        connection.Alerts ?? (await session.LoadAsync<TenantDocument>(connection.TenantId, ct))?.Alerts;

    /// <param name="before">What was stored: a secret the request leaves out is kept from it.</param>
    /// <param name="madeSecret">The webhook signing secret Relay made, when there was none.</param>
    public static AlertSetup From(AlertSettingsRequest request, AlertSetup? before, out string? madeSecret)
    {
        string? made = null;
        var setup = new AlertSetup
        {
            Email = request.Email is { } e ? new EmailAlerts
            {
                Host = e.Host, Port = e.Port, Security = e.Security, UserName = e.UserName, From = e.From,
                To = [.. e.To], Password = e.Password ?? before?.Email?.Password,
            } : null,
            Webhook = request.Webhook is { } w ? new WebhookAlerts
            {
                Url = w.Url,
                Secret = w.Secret ?? before?.Webhook?.Secret ?? (made = WebhookAlertChannel.NewSecret()),
            } : null,
            Rules = request.Rules?.ToRules() ?? new Relay.Domain.Alerts.AlertRules(),
        };
        madeSecret = made;
        return setup;
    }

    /// <summary>The field a request names wrongly, beyond what its annotations check: an address in the list.</summary>
    public static (string Field, string Reason)? Problem(AlertSettingsRequest request) =>
        request.Email?.To.Select((to, i) => (to, i))
            .FirstOrDefault(t => !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(t.to))
            is { to: not null } bad ? ($"email.to[{bad.i}]", "Not an e-mail address.") : null;

    public static AlertSettingsResponse Response(AlertSetup setup, bool fromTenant = false) => new(
        setup.Email is { } e ? new EmailAlertsView(e.Host, e.Port, e.Security, e.UserName,
            !string.IsNullOrEmpty(e.Password), e.From, e.To) : null,
        setup.Webhook is { } w ? new WebhookAlertsView(w.Url) : null,
        setup.Rules, FromTenant: fromTenant);
}
