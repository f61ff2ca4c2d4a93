namespace Relay.Api.Infrastructure.Processing;

/// <summary>Log lines of the work engine: keys and counts, never payloads.</summary>
internal static partial class WorkLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {Key} could not be processed")]
    public static partial void Crashed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Work {Key} waits for the shop's next window at {Next}")]
    public static partial void Deferred(ILogger logger, string key, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Connection {ConnectionId} answered again: {Count} waiting work items retried at once")]
    public static partial void Released(ILogger logger, string connectionId, int count);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Flow {Flow} of connection {ConnectionId} switched on: {Count} parked work items released")]
    public static partial void Unparked(ILogger logger, string connectionId, string flow, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection shard {Shard} runs here now")]
    public static partial void ShardStarted(ILogger logger, int shard);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection shard {Shard} no longer runs here")]
    public static partial void ShardStopped(ILogger logger, int shard);
}
