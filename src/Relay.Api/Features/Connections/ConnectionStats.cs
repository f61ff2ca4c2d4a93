using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Connections;

/// <summary>A dashboard's numbers for one connection: work per flow per day, the last success, the open failures.</summary>
public static class ConnectionStats
{
    public sealed record DayCounts(DateOnly Day, int Received, int Succeeded, int Skipped, int Failed, int Pending);

    public sealed record FlowStats(Flow Flow, IReadOnlyList<DayCounts> Days, DateTimeOffset? LastSuccessAt, int OpenFailures);

    public sealed record StatsResponse(string ConnectionId, DateOnly From, DateOnly To, IReadOnlyList<FlowStats> Flows);

    /// <param name="days">How many days back, today included (1 to 90, default 7). Days are UTC.</param>
    internal static async Task<Results<Ok<StatsResponse>, ValidationProblem, ProblemHttpResult>> GetStatsAsync(
        string id, System.Security.Claims.ClaimsPrincipal user, IQuerySession session, TimeProvider clock, CancellationToken ct, int days = 7)
    {
        if (days is < 1 or > 90) return Problems.Invalid("days", "Between 1 and 90 days.");
        if (await session.LoadConnectionAsync(user, id, ct) is null) return Problems.NotFound($"There is no connection '{id}'.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - days);
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // Items received or finished in the window: received counts by the day received, outcomes by the day they ended.
        var items = await session.Query<WorkItem>()
            .Where(w => w.ConnectionId == id && (w.UpdatedAt >= since || w.ReceivedAt >= since))
            .Select(w => new Row(w.Flow, w.Status, w.ReceivedAt, w.UpdatedAt))
            .ToListAsync(ct);
        var flows = new List<FlowStats>();
        foreach (var flow in Enum.GetValues<Flow>())
        {
            var mine = items.Where(i => i.Flow == flow).ToList();
            var dayList = Enumerable.Range(0, days).Select(n => from.AddDays(n)).Select(day => new DayCounts(day,
                Received: mine.Count(i => Day(i.ReceivedAt) == day),
                Succeeded: mine.Count(i => i.Status == WorkStatus.Succeeded && Day(i.UpdatedAt) == day),
                Skipped: mine.Count(i => i.Status == WorkStatus.Skipped && Day(i.UpdatedAt) == day),
                Failed: mine.Count(i => i.Status == WorkStatus.Failed && Day(i.UpdatedAt) == day),
                Pending: mine.Count(i => i.Status is WorkStatus.Received or WorkStatus.Processing && Day(i.UpdatedAt) == day))).ToList();
            var lastSuccess = await session.Query<WorkItem>()
                .Where(w => w.ConnectionId == id && w.Flow == flow && w.Status == WorkStatus.Succeeded)
                .OrderByDescending(w => w.UpdatedAt).Select(w => w.UpdatedAt).Take(1).ToListAsync(ct);
            var openFailures = await session.Query<WorkItem>().CountAsync(w => w.ConnectionId == id && w.Flow == flow && w.Status == WorkStatus.Failed, ct);
            flows.Add(new FlowStats(flow, dayList, lastSuccess.Count == 0 ? null : lastSuccess[0], openFailures));
        }
        return TypedResults.Ok(new StatsResponse(id, from, today, flows));
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private sealed record Row(Flow Flow, WorkStatus Status, DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt);
}
