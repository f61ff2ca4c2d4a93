using Relay.Domain.WorkItems;

namespace Relay.Domain.Alerts;

/// <summary>Which problems a connection has now, by its rules: the same observations give the same problems.</summary>
public static class AlertDetection
{
    public static IReadOnlyList<AlertProblem> Detect(AlertObservations seen, AlertRules rules, DateTimeOffset now)
    {
        var problems = new List<AlertProblem>();
        foreach (var group in seen.Failed.GroupBy(f => (f.Flow, f.Reason)))
        {
            var first = group.OrderBy(f => f.At).ThenBy(f => f.Key, StringComparer.Ordinal).First();
            var subject = FlowName(group.Key.Flow);
            problems.Add(new AlertProblem(AlertProblem.IdOf(AlertTrigger.WorkFailed, subject, group.Key.Reason),
                AlertTrigger.WorkFailed, group.Key.Flow, subject, group.Key.Reason, null, first.Key, first.EntityId,
                group.Count(), first.At));
        }
        var stall = TimeSpan.FromMinutes(rules.StallMinutes);
        foreach (var group in seen.Unfinished.Where(u => now - u.Since >= stall).GroupBy(u => u.Flow))
        {
            var first = group.OrderBy(u => u.Since).ThenBy(u => u.Key, StringComparer.Ordinal).First();
            var subject = FlowName(group.Key);
            problems.Add(new AlertProblem(AlertProblem.IdOf(AlertTrigger.WorkStalled, subject, ""),
                AlertTrigger.WorkStalled, group.Key, subject,
                $"Received and not finished within {rules.StallMinutes} minutes.", null, first.Key, first.EntityId,
                group.Count(), first.Since));
        }
        foreach (var system in seen.Systems) problems.AddRange(SystemProblems(system, rules, now));
        foreach (var poller in seen.Pollers)
            if (Silent(poller, rules, now) is { } problem) problems.Add(problem);
        return problems;
    }

    private static IEnumerable<AlertProblem> SystemProblems(SystemContact s, AlertRules rules, DateTimeOffset now)
    {
        if (s.CredentialsRejectedAt is { } refused)
            yield return SystemProblem(AlertTrigger.CredentialsRejected, s.System,
                $"{s.System} refused Relay's credentials.", s.CredentialsMessage, refused);
        if (s.FailingSince is { } failing && now - failing >= TimeSpan.FromMinutes(rules.UnreachableMinutes))
            yield return SystemProblem(AlertTrigger.Unreachable, s.System,
                $"{s.System} has not answered Relay for {(int)(now - failing).TotalMinutes} minutes.", s.LastFailure,
                failing);
        if (s.LongestWaitAt is { } waited && now - waited < AlertRules.RateLimitMemory
            && s.LongestWait >= TimeSpan.FromSeconds(rules.RateLimitWaitSeconds))
            yield return SystemProblem(AlertTrigger.RateLimited, s.System,
                $"Calls to {s.System} waited up to {(int)s.LongestWait.TotalSeconds} s for its rate limit.", null,
                waited);
    }

    private static AlertProblem SystemProblem(AlertTrigger trigger, string system, string reason, string? message,
        DateTimeOffset since) =>
        new(AlertProblem.IdOf(trigger, system, ""), trigger, null, system, reason, message, null, null, 1, since);

    private static AlertProblem? Silent(PollerRun poller, AlertRules rules, DateTimeOffset now)
    {
        // A poll not tried yet (a flow just switched on) is not silent: it has not had its chance.
        if (poller.LastAttemptAt is null) return null;
        var since = poller.LastSuccessAt ?? poller.Since;
        var allowed = poller.Interval * rules.PollerMissedIntervals;
        if (now - since < allowed) return null;
        return new AlertProblem(AlertProblem.IdOf(AlertTrigger.PollerSilent, poller.Name, ""),
            AlertTrigger.PollerSilent, poller.Flow, poller.Name,
            poller.LastSuccessAt is null
                ? $"The {poller.Name} has not succeeded yet."
                : $"The {poller.Name} has not succeeded for {(int)(now - since).TotalMinutes} minutes "
                  + $"({rules.PollerMissedIntervals} intervals or more).",
            poller.LastError, null, null, 1, since);
    }

    public static string FlowName(Flow flow) => FlowNames.Of(flow);
}
