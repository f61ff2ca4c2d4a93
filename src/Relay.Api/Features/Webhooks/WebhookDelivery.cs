using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Webhooks;

/// <summary>What Relay takes from a CCV Shop webhook body (ccvshop-api.md §3.3): the resource id, the
/// trigger time, and the non-personal summary fields. Everything else is re-read through the API.</summary>
internal sealed partial record WebhookDelivery(string EntityId, DateTimeOffset? TriggeredAt, WebhookSummary Summary)
{
    public static (WebhookDelivery? Delivery, string? Field, string? Reason) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return (null, "body", "The body is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "body", "The body must be a JSON object.");
            if (!root.TryGetProperty("id", out var idElement)) return (null, "id", "The delivery has no 'id'.");
            var id = idElement.ValueKind switch
            {
                JsonValueKind.Number when idElement.TryGetInt64(out var n) && n > 0 => n.ToString(CultureInfo.InvariantCulture),
                JsonValueKind.String when SafeId().IsMatch(idElement.GetString()!) => idElement.GetString(),
                _ => null,
            };
            if (id is null) return (null, "id", "'id' must be a positive whole number or a short code of letters, digits, '-' or '_'.");

            var summary = new WebhookSummary(
                OrderNumber: Text(root, "ordernumber_full") ?? Text(root, "order_number"),
                Status: Int(root, "status"),
                PreviousStatus: Int(root, "previous_status"),
                Paid: root.TryGetProperty("paid", out var paid) && paid.ValueKind is JsonValueKind.True or JsonValueKind.False ? paid.GetBoolean() : null);
            return (new WebhookDelivery(id, ReadTriggeredAt(root), summary), null, null);
        }
    }

    // An unreadable trigger time is not a reason to refuse a delivery: duplicates are then known by body hash.
    private static DateTimeOffset? ReadTriggeredAt(JsonElement root) =>
        Text(root, "triggered_at") is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) ? e.ValueKind switch
        {
            // A control character (a NUL cannot even be stored in jsonb) is no order number: left out.
            JsonValueKind.String when e.GetString() is { Length: > 0 and <= 64 } s && !s.Any(char.IsControl) => s,
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        } : null;

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) ? n
        : root.TryGetProperty(name, out e) && e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), CultureInfo.InvariantCulture, out n) ? n
        : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SafeId();
}
