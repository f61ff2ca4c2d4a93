using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Relay.Api.Features.Alerts;

/// <summary>
/// An alert as a JSON POST, signed the Standard Webhooks way (webhook-id, webhook-timestamp and webhook-signature
/// "v1,base64(HMAC-SHA256(key, id.timestamp.body))"), with a <c>text</c> member for chat webhooks.
/// </summary>
public sealed class WebhookAlertChannel(IHttpClientFactory http, TimeProvider clock)
{
    public const string HttpClientName = "alerts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<string?> SendAsync(WebhookAlerts hook, AlertNoticeDocument notice, CancellationToken ct)
    {
        var p = notice.Problem;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = $"relay.alert.{notice.Kind.ToString().ToLowerInvariant()}",
            timestamp = clock.GetUtcNow(),
            text = notice.Message.Text,
            data = new
            {
                connectionId = notice.ConnectionId, title = notice.Message.Title, trigger = p.Trigger, flow = p.Flow,
                subject = p.Subject, item = p.EntityId, workItem = p.ItemKey, count = p.Count, reason = p.Reason,
                otherSystemMessage = p.OtherSystemMessage, since = p.Since, auditUrl = notice.AuditUrl,
                replayUrl = notice.ReplayUrl,
            },
        }, Json);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds()
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", notice.Id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Signature(hook.Secret, notice.Id, timestamp, body));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        return response.IsSuccessStatusCode ? null : $"The webhook answered {(int)response.StatusCode}.";
    }

    public static string Signature(string secret, string id, string timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(
            secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return $"v1,{Convert.ToBase64String(HMACSHA256.HashData(key, signed))}";
    }

    public static string NewSecret() => $"whsec_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))}";
}
