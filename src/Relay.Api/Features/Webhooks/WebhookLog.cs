namespace Relay.Api.Features.Webhooks;

/// <summary>Log lines of the webhook intake: keys and outcomes only. The address secret and the body never appear.
/// A delivery taken in is on the audit trail; its line is Debug, so thousands a second cost no console writes.
/// </summary>
internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {Event} stored as {Key}")]
    public static partial void Stored(ILogger logger, string @event, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {Event} for {Key} was received before; nothing stored")]
    public static partial void Duplicate(ILogger logger, string @event, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused for connection {ConnectionId}: {Reason}")]
    public static partial void Refused(ILogger logger, string connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A batch of {Count} deliveries could not be stored together; storing them one by one")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);
}
