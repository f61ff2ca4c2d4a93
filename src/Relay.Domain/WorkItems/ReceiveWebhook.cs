namespace Relay.Domain.WorkItems;

/// <summary>Store a CCV Shop webhook delivery as work, unless the same delivery was stored before.</summary>
public sealed record ReceiveWebhook(
    string ConnectionId,
    CcvEvent Event,
    string EntityId,
    DateTimeOffset? TriggeredAt,
    string BodySha256,
    WebhookSummary Summary,
    DateTimeOffset ReceivedAt)
{
    public string Key => WorkKey.ForShopEntity(ConnectionId, Event.Entity, EntityId).ToString();

    /// <summary>CCV sends no delivery id; event, resource id and trigger time together identify one.</summary>
    public string? DeliveryId => TriggeredAt is { } at ? $"{Event.Name}|{EntityId}|{at.UtcDateTime:O}" : null;
}

public abstract record IntakeDecision
{
    public sealed record Store(WebhookReceived Event) : IntakeDecision;
    public sealed record AlreadyReceived : IntakeDecision;
}

public static class WebhookIntake
{
    public static IntakeDecision Decide(WorkItem? state, ReceiveWebhook command)
    {
        var received = new WebhookReceived(
            command.Key, command.ConnectionId, command.Event.Flow, command.Event.Entity, command.EntityId,
            command.Event.Name, command.DeliveryId, command.BodySha256, command.TriggeredAt, command.ReceivedAt,
            command.Summary,
            state?.EchoOf(command.Event.Name, command.Summary.Status, command.ReceivedAt) is { } echo
                ? $"Relay's own change to the order, written by {echo.By}: no work." : null);

        return state is not null && WasReceived(state.SeenDeliveries, command)
            ? new IntakeDecision.AlreadyReceived()
            : new IntakeDecision.Store(received);
    }

    /// <summary>Whether the delivery is one of those seen (a work item's <see cref="WorkItem.SeenDeliveries"/>, or
    /// what a cache remembers of them: they only ever grow).</summary>
    public static bool WasReceived(IReadOnlyList<string> seenDeliveries, ReceiveWebhook command) =>
        WorkItem.Fingerprints(command.DeliveryId, command.BodySha256).Any(seenDeliveries.Contains);
}
