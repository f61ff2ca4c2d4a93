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
}
