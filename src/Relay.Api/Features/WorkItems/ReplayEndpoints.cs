using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Orders;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>Replay: run work again through the same path, with today's settings. AccountView is checked first, so nothing doubles.</summary>
public static class ReplayEndpoints
{
    /// <summary>The most a bulk replay queues at once.</summary>
    public const int MaxReplay = 10_000;

    public static RouteGroupBuilder MapReplayEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/{key}/replay", ReplayOneAsync)
            .WithName("ReplayWorkItem")
            .WithSummary("Run one work item again")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/replay", ReplayManyAsync)
            .WithName("ReplayWorkItems")
            .WithSummary("Run every work item matching a filter again; answers how many were queued")
            .ProducesValidationProblem();
        return group;
    }

    internal static async Task<Results<Accepted<WorkItemResponse>, ProblemHttpResult>> ReplayOneAsync(
        string key, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var item = await session.LoadAsync<WorkItem>(key, ct);
        if (item is null) return Problems.NotFound($"There is no work item '{key}'.");
        session.Events.Append(key, new ReplayRequested(key, "admin", clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/work-items/{Uri.EscapeDataString(key)}", WorkItemResponse.From((await session.LoadAsync<WorkItem>(key, ct))!));
    }

    internal static async Task<Results<Accepted<ReplayAnswer>, ValidationProblem>> ReplayManyAsync(
        WorkItemFilter filter, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (filter.From > filter.To) return Problems.Invalid("from", "'from' must not be after 'to'.");
        var keys = await filter.Apply(session.Query<WorkItem>()).Select(w => w.Id).Take(MaxReplay).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var key in keys) session.Events.Append(key, new ReplayRequested(key, "admin", now));
        await session.SaveChangesAsync(ct);
        return TypedResults.Accepted("/api/work-items", new ReplayAnswer(keys.Count));
    }
}

public sealed record ReplayAnswer(int Queued);
