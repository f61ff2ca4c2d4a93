using Relay.Domain.WorkItems;

namespace Relay.Domain.Alerts;

/// <summary>What Relay knows of one connection at one moment, as the alert rules read it.</summary>
public sealed record AlertObservations(
    IReadOnlyList<FinishedWithFailure> Failed,
    IReadOnlyList<UnfinishedWork> Unfinished,
    IReadOnlyList<SystemContact> Systems,
    IReadOnlyList<PollerRun> Pollers);

/// <summary>A work item that failed for good (no retry scheduled), with the reason it carries.</summary>
public sealed record FinishedWithFailure(string Key, Flow Flow, string EntityId, string Reason, DateTimeOffset At);

/// <summary>A work item received (or retried) and not finished since <see cref="Since"/>.</summary>
public sealed record UnfinishedWork(string Key, Flow Flow, string EntityId, DateTimeOffset Since);

/// <summary>
/// How Relay's calls to one system have gone: failing (no answer, or 5xx) since a moment, credentials refused,
/// the longest recent wait for the system's rate limit.
/// </summary>
public sealed record SystemContact(string System, DateTimeOffset? FailingSince, string? LastFailure,
    DateTimeOffset? CredentialsRejectedAt, string? CredentialsMessage, TimeSpan LongestWait,
    DateTimeOffset? LongestWaitAt);

/// <summary>A scheduled poll: its interval, its last success, and when it was last tried.</summary>
public sealed record PollerRun(string Name, Flow Flow, TimeSpan Interval, DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset Since, string? LastError);
