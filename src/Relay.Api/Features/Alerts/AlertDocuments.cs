using Relay.Domain.Alerts;

namespace Relay.Api.Features.Alerts;

public enum AlertState
{
    Open,
    Resolved,
}

/// <summary>One alert of a connection: one problem (with its count), from when it opened until it cleared.</summary>
public sealed class AlertDocument
{
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public required AlertProblem Problem { get; set; }
    public AlertState State { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastSentAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    public static string IdOf(string connectionId, string problemId) => $"{connectionId}|{problemId}";
}

public enum AlertChannel
{
    Email,
    Webhook,
}

public enum NoticeStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>One message of an alert to one channel: retried on a schedule until sent, or failed for good.</summary>
public sealed class AlertNoticeDocument
{
    /// <summary>Also the webhook-id of a webhook message: a receiver sees a retried message as the same one.</summary>
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public string? AlertId { get; init; }
    public AlertNoticeKind Kind { get; init; }
    public AlertChannel Channel { get; init; }
    public required AlertProblem Problem { get; init; }
    public required AlertMessage Message { get; init; }
    public string? AuditUrl { get; init; }
    public string? ReplayUrl { get; init; }
    public NoticeStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>After the first failed attempt, the waits before the next ones; then the notice has failed.</summary>
    public static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];
}
