namespace Relay.Api.Features.OrderStatus;

/// <summary>Where a connection's poll of AccountView's sales orders stands (one document per connection).</summary>
public sealed class SalesOrderPollState
{
    public required string Id { get; init; }

    /// <summary>The newest AccountView change date seen (AccountView's clock).</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>When the orders-from-AccountView flow was first polled: orders entered before are not sent.</summary>
    public DateTimeOffset? OrdersFromAccountViewSince { get; set; }
    /// <summary>When the orders Relay sent before it recorded them were recorded (<see cref="RelayOrderBackfill"/>).
    /// </summary>
    public DateTimeOffset? BackfilledAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastPollAt { get; set; }
    public int LastPollOrders { get; set; }
    public int LastPollQueued { get; set; }
    public string? LastError { get; set; }
    public long Polls { get; set; }
}
