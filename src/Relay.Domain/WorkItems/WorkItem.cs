namespace Relay.Domain.WorkItems;

/// <summary>
/// The state of one unit of work (one business entity of one connection), folded from its events.
/// It is also the read model the audit queries use.
/// </summary>
public sealed record WorkItem(
    string Id,
    string ConnectionId,
    Flow Flow,
    ShopEntity Entity,
    string EntityId,
    WorkStatus Status,
    int Deliveries,
    int Attempts,
    string? LastError,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> SeenDeliveries)
{
    public static WorkItem? Evolve(WorkItem? state, object @event) => @event switch
    {
        WebhookReceived e when state is null => new WorkItem(
            e.Key, e.ConnectionId, e.Flow, e.Entity, e.EntityId, WorkStatus.Received,
            Deliveries: 1, Attempts: 0, LastError: null, e.ReceivedAt, e.ReceivedAt, Fingerprints(e)),
        WebhookReceived e => state! with
        {
            Deliveries = state.Deliveries + 1,
            UpdatedAt = e.ReceivedAt,
            SeenDeliveries = [.. state.SeenDeliveries, .. Fingerprints(e)],
        },
        _ => state,
    };

    /// <summary>A delivery is known by its event, id and trigger time, and by the hash of its body.</summary>
    internal static string[] Fingerprints(WebhookReceived e) =>
        e.DeliveryId is null ? [$"body:{e.BodySha256}"] : [$"delivery:{e.DeliveryId}", $"body:{e.BodySha256}"];
}
