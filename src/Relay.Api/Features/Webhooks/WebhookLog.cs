namespace Relay.Api.Features.Webhooks;

/// <summary>Log lines of the webhook intake: keys and outcomes only. The address secret and the body never appear.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Event} stored as {Key}")]
    public static partial void Stored(ILogger logger, string @event, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Event} for {Key} was received before; nothing stored")]
    public static partial void Duplicate(ILogger logger, string @event, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused for connection {ConnectionId}: {Reason}")]
    public static partial void Refused(ILogger logger, string connectionId, string reason);
}
