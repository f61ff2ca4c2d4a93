namespace Relay.Api.Features.OrderStatus;

/// <summary>
/// A webshop order Relay sends to AccountView, by its webshop order number: the number AccountView's sales order
/// carries in its reference field (COMMENT1, accountview-api.md §3.7). Stored with the order's decision, before
/// anything is written to AccountView, so a sales order Relay made is known as Relay's from the moment it exists:
/// the order-status flow follows it, the orders-from-AccountView flow leaves it alone.
/// </summary>
public sealed class RelayOrderDocument
{
    /// <summary><see cref="IdOf"/>.</summary>
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public required string OrderNumber { get; init; }
    public required long ShopOrderId { get; init; }

    /// <summary>The order's work item (and stream).</summary>
    public required string OrderKey { get; init; }
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>AccountView's state of its sales order when last polled (<see
    /// cref="Relay.Domain.OrderStatus.SalesOrderState.Fingerprint"/>): a poll queues work only when it moved.</summary>
    public string? LastState { get; set; }

    public static string IdOf(string connectionId, string orderNumber) => $"{connectionId}:{orderNumber}";
}
