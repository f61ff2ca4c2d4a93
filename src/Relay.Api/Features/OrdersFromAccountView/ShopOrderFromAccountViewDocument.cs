namespace Relay.Api.Features.OrdersFromAccountView;

/// <summary>
/// An AccountView sales order Relay creates in the shop: stored before the POST, so a lost answer is looked up in the
/// shop (by <see cref="Reference"/>) before any retry, and the shop's orders.created webhook for it is known as
/// Relay's own.
/// </summary>
public sealed class ShopOrderFromAccountViewDocument
{
    /// <summary><see cref="IdOf"/>.</summary>
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public required string AccountViewNumber { get; init; }

    /// <summary>The shop order's reservationnumber: the prefix and the AccountView number.</summary>
    public required string Reference { get; init; }
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Null until the shop answered (or the order was found there after a lost answer).</summary>
    public long? ShopOrderId { get; set; }
    public string? ShopOrderNumber { get; set; }

    public static string IdOf(string connectionId, string accountViewNumber) => $"{connectionId}:{accountViewNumber}";
}
