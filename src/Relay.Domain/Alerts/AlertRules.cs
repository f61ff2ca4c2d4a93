namespace Relay.Domain.Alerts;

/// <summary>What Relay alerts about: each trigger a kind of problem a merchant must hear of.</summary>
public enum AlertTrigger
{
    /// <summary>Work failed permanently, or its retries ran out: it waits for a fix and a replay.</summary>
    WorkFailed,

    /// <summary>CCV Shop or AccountView refused Relay's credentials (a revoked key, an expired
    /// authorisation).</summary>
    CredentialsRejected,

    /// <summary>A poll (stock) has not succeeded for several of its intervals.</summary>
    PollerSilent,

    /// <summary>Work was received and not finished within the stall time.</summary>
    WorkStalled,

    /// <summary>CCV Shop or AccountView has not answered for the unreachable time.</summary>
    Unreachable,

    /// <summary>Calls waited long for the shop's rate limit (its budget for the minute was used early).</summary>
    RateLimited,

    /// <summary>Not a problem: a message sent on request, to check the channels.</summary>
    Test,
}

/// <summary>When a connection's observations become an alert, and how often an open one is repeated.</summary>
public sealed record AlertRules
{
    public int StallMinutes { get; init; } = 15;
    public int UnreachableMinutes { get; init; } = 10;
    public int PollerMissedIntervals { get; init; } = 3;
    public int RateLimitWaitSeconds { get; init; } = 30;

    /// <summary>An open alert is sent again (with its count) after this long at the earliest: the quiet
    /// period.</summary>
    public int RepeatHours { get; init; } = 24;

    /// <summary>How long a rate-limit wait counts as current: without a new one for this long, the alert
    /// clears.</summary>
    public static readonly TimeSpan RateLimitMemory = TimeSpan.FromMinutes(10);
}
