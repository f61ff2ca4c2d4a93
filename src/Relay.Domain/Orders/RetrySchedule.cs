namespace Relay.Domain.Orders;

/// <summary>When a transient failure is tried again: 5 s, 1 m, 5 m, 30 m, 2 h, 6 h; then it is failed for good.</summary>
public static class RetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
    ];

    /// <param name="failedAttempts">Failed attempts so far, this one included.</param>
    /// <returns>The next attempt's time, or null when the schedule is used up.</returns>
    public static DateTimeOffset? Next(int failedAttempts, DateTimeOffset now) =>
        failedAttempts >= 1 && failedAttempts <= Delays.Length ? now + Delays[failedAttempts - 1] : null;

    /// <summary>
    /// How a failed attempt is recorded: a temporary failure gets its next attempt, or, with the schedule
    /// used up, becomes permanent and says so; a permanent one waits for a replay.
    /// </summary>
    /// <param name="attemptsBefore">Attempts made before this one.</param>
    public static (string Reason, bool Permanent, DateTimeOffset? Next) Failure(string reason, bool permanent, int attemptsBefore, DateTimeOffset now)
    {
        var next = permanent ? null : Next(attemptsBefore + 1, now);
        return (next is null && !permanent ? $"{reason} Retries used up." : reason, permanent || next is null, next);
    }
}
