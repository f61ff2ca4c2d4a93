namespace Relay.Api.Features.Orders;

/// <summary>Log lines of the order flow: keys and outcomes, never customer data.</summary>
internal static partial class OrderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Order work {Key}: {Outcome}")]
    public static partial void Outcome(ILogger logger, string key, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation found {Count} unseen orders for connection {ConnectionId}")]
    public static partial void Reconciled(ILogger logger, string connectionId, int count);
}
