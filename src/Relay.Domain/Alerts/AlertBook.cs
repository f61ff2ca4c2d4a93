namespace Relay.Domain.Alerts;

/// <summary>An alert as it stands: the problem it is about, when it opened, when it was last sent.</summary>
public sealed record OpenAlert(AlertProblem Problem, DateTimeOffset OpenedAt, DateTimeOffset LastSentAt);

/// <summary>What to do about one alert after looking again.</summary>
public abstract record AlertChange(AlertProblem Problem)
{
    /// <summary>A new problem: the alert opens and is sent.</summary>
    public sealed record Opened(AlertProblem Problem) : AlertChange(Problem);

    /// <summary>Still there: its count is kept up to date, and it is sent again once the quiet period is
    /// over.</summary>
    public sealed record Continues(AlertProblem Problem, bool Remind) : AlertChange(Problem);

    /// <summary>Gone: the alert closes and a "resolved" message is sent.</summary>
    public sealed record Resolved(AlertProblem Problem) : AlertChange(Problem);
}

/// <summary>Alerts are stateful: one message when a problem starts, one when it clears, none in between but a
/// reminder after the quiet period.</summary>
public static class AlertBook
{
    public static IReadOnlyList<AlertChange> Decide(IReadOnlyList<OpenAlert> open,
        IReadOnlyList<AlertProblem> problems, AlertRules rules, DateTimeOffset now)
    {
        var byId = open.ToDictionary(a => a.Problem.Id);
        var changes = new List<AlertChange>();
        foreach (var problem in problems)
            changes.Add(byId.TryGetValue(problem.Id, out var alert)
                ? new AlertChange.Continues(problem, now - alert.LastSentAt >= TimeSpan.FromHours(rules.RepeatHours))
                : new AlertChange.Opened(problem));
        var current = problems.Select(p => p.Id).ToHashSet();
        changes.AddRange(open.Where(a => !current.Contains(a.Problem.Id))
            .Select(a => new AlertChange.Resolved(a.Problem)));
        return changes;
    }
}
