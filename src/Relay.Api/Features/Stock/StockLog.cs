namespace Relay.Api.Features.Stock;

internal static partial class StockLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Stock poll of {ConnectionId} (full: {Full}): {Articles} articles read, {Changes} changed, "
            + "{Milliseconds} ms")]
    public static partial void Polled(ILogger logger, string connectionId, bool full, int articles, int changes,
        long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stock writes of {ConnectionId} stopped on an error; what is pending is written after the next poll")]
    public static partial void WritesStopped(ILogger logger, string connectionId, Exception error);
}
