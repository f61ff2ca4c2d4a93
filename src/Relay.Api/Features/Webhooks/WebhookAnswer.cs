namespace Relay.Api.Features.Webhooks;

/// <summary>Answer to a delivery: the work item it belongs to, and whether this delivery was new.</summary>
public sealed record WebhookAnswer(string Key, bool Duplicate);
