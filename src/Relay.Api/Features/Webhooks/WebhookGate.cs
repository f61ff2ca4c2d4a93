using System.Security.Cryptography;
using System.Text;
using Relay.Api.Features.Connections;

namespace Relay.Api.Features.Webhooks;

/// <summary>
/// What the intake checks a delivery against: the connection's address secret and signature settings, as values,
/// so two gates are equal exactly when they admit the same deliveries.
/// </summary>
internal sealed record WebhookGate(string ConnectionId, string Secret, WebhookSignatureScheme Scheme, string Header,
    string? SignatureKey)
{
    public static WebhookGate From(ConnectionDocument connection) => new(connection.Id, connection.WebhookSecret,
        connection.WebhookSignature.Scheme, connection.WebhookSignature.Header, connection.WebhookSignature.Key);

    public bool Admits(string presentedSecret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(presentedSecret));

    // Secrets stay out of logs and answers.
    public override string ToString() => $"WebhookGate {{ ConnectionId = {ConnectionId} }}";
}
