namespace Relay.Api.Features.PersonalData;

/// <summary>Keys and counts only: never an e-mail address or a name.</summary>
public static partial class PersonalDataLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention of {ConnectionId}: {Masked} work items masked, {Deleted} deleted")]
    public static partial void Swept(ILogger logger, string connectionId, int masked, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention sweep failed; tried again at its next interval")]
    public static partial void SweepFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Personal data of one customer erased on {ConnectionId}: {Masked} work items masked")]
    public static partial void Erased(ILogger logger, string connectionId, int masked);
}
