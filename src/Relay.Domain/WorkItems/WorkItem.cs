using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.Stock;

namespace Relay.Domain.WorkItems;

/// <summary>
/// The state of one unit of work (one business entity of one connection), folded from its events.
/// It is also the read model the audit queries use.
/// </summary>
/// <param name="Reference">An order's number in the shop (WEB-1001) once Relay has read it: what a merchant looks
/// an order up by.</param>
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
    IReadOnlyList<string> SeenDeliveries,
    DateTimeOffset? NextAttemptAt = null,
    bool Decided = false,
    DateTimeOffset? LastDeliveryAt = null,
    bool PersonalDataMasked = false,
    IReadOnlyList<OrderStatus.ExpectedEcho>? ExpectedEchoes = null,
    string? Reference = null)
{
    /// <summary>Work is pending: received, retried or replayed, and not finished since.</summary>
    public bool NeedsProcessing => Status == WorkStatus.Received;

    /// <summary>The next state; an event that brings personal data again makes the item one to mask again.</summary>
    public static WorkItem? Evolve(WorkItem? state, object @event)
    {
        var next = Fold(state, @event);
        return next is not null && PersonalData.PersonalDataMasks.Holds(@event)
            ? next with { PersonalDataMasked = false }
            : next;
    }

    private static WorkItem? Fold(WorkItem? state, object @event) => @event switch
    {
        WebhookReceived e when state is null => new WorkItem(
            e.Key, e.ConnectionId, e.Flow, e.Entity, e.EntityId, WorkStatus.Received,
            Deliveries: 1, Attempts: 0, LastError: null, e.ReceivedAt, e.ReceivedAt, Fingerprints(e), LastDeliveryAt: e.ReceivedAt),
        // Relay's own write to the shop order came back as a webhook: recorded, never work.
        WebhookReceived { OwnChange: not null } e => state! with
        {
            Deliveries = state.Deliveries + 1,
            UpdatedAt = e.ReceivedAt,
            LastDeliveryAt = e.ReceivedAt,
            SeenDeliveries = [.. state.SeenDeliveries, .. Fingerprints(e)],
            ExpectedEchoes = WithoutEcho(state.ExpectedEchoes, e),
        },
        WebhookReceived e => state! with
        {
            Deliveries = state.Deliveries + 1,
            UpdatedAt = e.ReceivedAt,
            LastDeliveryAt = e.ReceivedAt,
            SeenDeliveries = [.. state.SeenDeliveries, .. Fingerprints(e)],
            // A new delivery for a finished order is recorded; it does not make the order work again.
            // A product that changed again is work again: its new state is to be written.
            Status = state.Status is WorkStatus.Succeeded && e.Flow == Flow.Orders ? state.Status : WorkStatus.Received,
        },
        OrderFoundByPoll e when state is null => new WorkItem(e.Key, e.ConnectionId, Flow.Orders, ShopEntity.Order, e.EntityId,
            WorkStatus.Received, Deliveries: 0, Attempts: 0, LastError: null, e.At, e.At, []),
        OrderFoundByPoll e => state with { UpdatedAt = e.At },
        ReplayRequested e => state! with { Status = WorkStatus.Received, NextAttemptAt = null, UpdatedAt = e.At },
        RetryDue e => state!.Status == WorkStatus.Failed ? state with { Status = WorkStatus.Received, NextAttemptAt = null, UpdatedAt = e.At } : state,
        WorkResumed e => state!.NeedsProcessing ? state with { UpdatedAt = e.At } : state,
        OrderDecided e => state! with { Decided = true, Reference = e.OrderNumber, UpdatedAt = e.At },
        // Decided marks an attempt under way; an outcome closes it, so a later replay is a fresh attempt.
        OrderSent e => state! with
        {
            Status = WorkStatus.Succeeded, Decided = false, Attempts = state.Attempts + 1, LastError = null,
            Reference = e.OrderNumber, UpdatedAt = e.At,
        },
        OrderSkipped e => state! with
        {
            Status = WorkStatus.Skipped, Decided = false, Attempts = state.Attempts + 1, LastError = e.Reason,
            Reference = e.OrderNumber ?? state.Reference, UpdatedAt = e.At,
        },
        OrderFailed e => state! with
        {
            Reference = e.OrderNumber ?? state.Reference,
            Status = WorkStatus.Failed,
            Attempts = state.Attempts + 1,
            LastError = e.AccountViewMessage is null ? e.Reason : $"{e.Reason} AccountView: {e.AccountViewMessage}",
            NextAttemptAt = e.NextAttemptAt,
            UpdatedAt = e.At,
        },
        // Stock: each change of the figure is a unit of work, ended by its write (or skip).
        StockChanged e when state is null => new WorkItem(e.Key, e.ConnectionId, Flow.Stock, ShopEntity.Product, e.Sku, WorkStatus.Received,
            Deliveries: 0, Attempts: 0, LastError: null, e.At, e.At, []),
        StockChanged e => state with { Status = WorkStatus.Received, LastError = null, UpdatedAt = e.At },
        StockWritten e => state! with { Status = WorkStatus.Succeeded, Attempts = state.Attempts + 1, LastError = null, UpdatedAt = e.At },
        StockSkipped e => state! with { Status = WorkStatus.Skipped, Attempts = state.Attempts + 1, LastError = e.Reason, UpdatedAt = e.At },
        StockWriteFailed e => state! with { Status = WorkStatus.Failed, Attempts = state.Attempts + 1, LastError = e.Reason, UpdatedAt = e.At },
        // Products, categories and customers: queued by a poll, an import or on demand, ended by an outcome.
        CatalogueWorkQueued e when state is null => new WorkItem(e.Key, e.ConnectionId, e.Flow, e.Entity, e.EntityId, WorkStatus.Received,
            Deliveries: 0, Attempts: 0, LastError: null, e.At, e.At, []),
        CatalogueWorkQueued e => state with { Status = WorkStatus.Received, NextAttemptAt = null, UpdatedAt = e.At },
        CatalogueSynced e => state! with { Status = WorkStatus.Succeeded, Attempts = state.Attempts + 1, LastError = null, UpdatedAt = e.At },
        CatalogueSkipped e => state! with { Status = WorkStatus.Skipped, Attempts = state.Attempts + 1, LastError = e.Reason, UpdatedAt = e.At },
        CatalogueFailed e => state! with
        {
            Status = WorkStatus.Failed,
            Attempts = state.Attempts + 1,
            LastError = e.OtherSystemMessage is null ? e.Reason : $"{e.Reason} ({e.OtherSystemMessage})",
            NextAttemptAt = e.NextAttemptAt,
            UpdatedAt = e.At,
        },
        OrderStatus.ShopOrderWrittenByRelay e => state! with
        {
            ExpectedEchoes = [.. (state.ExpectedEchoes ?? []).Where(x => x.Until > e.At),
                .. e.Echoes.Select(x => new OrderStatus.ExpectedEcho(x, e.By, e.At + OrderStatus.OwnChanges.Window))],
        },
        // Masking does not count as a change: the work's age runs on towards its deletion.
        PersonalData.PersonalDataMasked => state! with { PersonalDataMasked = true },
        _ => state,
    };

    /// <summary>The write this delivery answers, if it is Relay's own change (see <see
    /// cref="OrderStatus.OwnChanges"/>).</summary>
    public OrderStatus.ExpectedEcho? EchoOf(string eventName, int? status, DateTimeOffset receivedAt) =>
        ExpectedEchoes?.FirstOrDefault(x => x.Event == OrderStatus.OwnChanges.Of(eventName, status)
            && receivedAt <= x.Until);

    private static IReadOnlyList<OrderStatus.ExpectedEcho>? WithoutEcho(IReadOnlyList<OrderStatus.ExpectedEcho>? echoes,
        WebhookReceived e)
    {
        var match = echoes?.FirstOrDefault(x => x.Event == OrderStatus.OwnChanges.Of(e.EventName, e.Summary.Status));
        return match is null ? echoes : echoes!.Where(x => !ReferenceEquals(x, match)).ToList();
    }

    /// <summary>A delivery is known by its event, id and trigger time, and by the hash of its body.</summary>
    internal static string[] Fingerprints(WebhookReceived e) => Fingerprints(e.DeliveryId, e.BodySha256);

    internal static string[] Fingerprints(string? deliveryId, string bodySha256) =>
        deliveryId is null ? [$"body:{bodySha256}"] : [$"delivery:{deliveryId}", $"body:{bodySha256}"];
}
