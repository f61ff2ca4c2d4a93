namespace Relay.Api.Features.WorkItems;

/// <summary>Log lines of the work runner: keys and counts, never payloads.</summary>
internal static partial class WorkLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Work {Key} could not be processed")]
    public static partial void Crashed(ILogger logger, string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed {Count} pending work items nobody was working on")]
    public static partial void Resumed(ILogger logger, int count);
}
