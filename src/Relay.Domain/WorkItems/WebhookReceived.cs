namespace Relay.Domain.WorkItems;

/// <summary>
/// A CCV Shop webhook delivery was stored. It carries the summary's business fields, never the
/// customer's e-mail or phone that CCV includes (ccvshop-api.md §3.3): the order is re-read through the API.
/// OwnChange says, for a delivery Relay's own write to the order caused, which write that was.
/// </summary>
public sealed record WebhookReceived(
    string Key,
    string ConnectionId,
    Flow Flow,
    ShopEntity Entity,
    string EntityId,
    string EventName,
    string? DeliveryId,
    string BodySha256,
    DateTimeOffset? TriggeredAt,
    DateTimeOffset ReceivedAt,
    WebhookSummary Summary,
    string? OwnChange = null);

/// <summary>The non-personal fields of a delivery that a merchant may want to see in the audit trail.</summary>
public sealed record WebhookSummary(
    string? OrderNumber = null,
    int? Status = null,
    int? PreviousStatus = null,
    bool? Paid = null);
