using Relay.Domain.Orders;

namespace Relay.Api.Features.Orders;

/// <summary>Log lines of the order flow: keys and outcomes, never customer data.</summary>
internal static partial class OrderLog
{
    /// <summary>Sent and skipped are news; a failure retried later is a warning; one that waits for a person is an
    /// error.</summary>
    public static void Outcome(ILogger logger, string key, IOrderOutcome outcome)
    {
        switch (outcome)
        {
            case OrderFailed { NextAttemptAt: not null }: Retried(logger, key); break;
            case OrderFailed: FailedForGood(logger, key); break;
            default: Done(logger, key, outcome.GetType().Name); break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order work {Key}: {Outcome}")]
    private static partial void Done(ILogger logger, string key, string outcome);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Order work {Key} failed and is retried on schedule; the reason is on its audit trail")]
    private static partial void Retried(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Order work {Key} failed and waits for a person (fix, then replay); the reason is on its audit "
            + "trail")]
    private static partial void FailedForGood(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation found {Count} unseen orders for connection {ConnectionId}")]
    public static partial void Reconciled(ILogger logger, string connectionId, int count);
}
