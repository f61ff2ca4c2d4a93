using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Orders;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Api.Infrastructure.Processing;
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
            .WithSummary("Run one work item again; dryRun=true answers the AccountView requests it would send, and sends nothing")
            .Produces<WorkItemResponse>(StatusCodes.Status202Accepted)
            .Produces<OrderDryRun>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/replay", ReplayManyAsync)
            .WithName("ReplayWorkItems")
            .WithSummary("Run every work item matching a filter again; answers how many were queued (dryRun=true: which, without queuing)")
            .WithDescription("At least one filter member, or \"all\": true. Unknown members are refused.")
            .ProducesValidationProblem();
        return group;
    }

    internal static async Task<IResult> ReplayOneAsync(string key, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock,
        OrderProcessor orders, WorkQueue queue, CancellationToken ct, bool dryRun = false)
    {
        var item = await session.SeesWorkAsync(user, key, ct) ? await session.LoadAsync<WorkItem>(key, ct) : null;
        if (item is null) return Problems.NotFound($"There is no work item '{key}'.");
        if (dryRun)
        {
            if (item.Flow != Flow.Orders || item.Entity != ShopEntity.Order)
                return Problems.Invalid("dryRun", "A dry run shows what an order would send to AccountView; this work item is not an order.");
            var connection = await session.LoadAsync<ConnectionDocument>(item.ConnectionId, ct);
            if (connection is null) return Problems.NotFound($"The connection of work item '{key}' no longer exists.");
            return TypedResults.Ok(await orders.DryRunAsync(connection, WorkKey.Parse(item.Id), null, ct));
        }
        // A worker may be appending to the same stream: a lost race is retried, never a 409 or 500.
        await queue.AppendAsync([(key, new ReplayRequested(key, user.Identity?.Name ?? "admin", clock.GetUtcNow()))],
            ct);
        await using var fresh = session.DocumentStore.QuerySession();
        return TypedResults.Accepted($"/api/work-items/{Uri.EscapeDataString(key)}",
            WorkItemResponse.From((await fresh.LoadAsync<WorkItem>(key, ct))!));
    }

    internal static async Task<Results<Accepted<ReplayAnswer>, Ok<ReplayAnswer>, ValidationProblem>> ReplayManyAsync(
        WorkItemFilter filter, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, WorkQueue queue,
        CancellationToken ct, bool dryRun = false)
    {
        if (filter.From > filter.To) return Problems.Invalid("from", "'from' must not be after 'to'.");
        if (filter.IsEmpty && !filter.All)
            return Problems.Invalid("body",
                "Give at least one filter (connectionId, flow, status, from, to, entityId, errorContains), "
                + "or \"all\": true to replay every work item.");
        var keys = await filter.Apply(session.Query<WorkItem>(), await session.VisibleConnectionIdsAsync(user, ct))
            .OrderBy(w => w.ReceivedAt).Select(w => w.Id).Take(MaxReplay).ToListAsync(ct);
        if (dryRun) return TypedResults.Ok(new ReplayAnswer(keys.Count, keys));
        var now = clock.GetUtcNow();
        var by = user.Identity?.Name ?? "admin";
        foreach (var chunk in keys.Chunk(500))
            await queue.AppendAsync(chunk.Select(key => (key, (object)new ReplayRequested(key, by, now))).ToList(), ct);
        return TypedResults.Accepted("/api/work-items", new ReplayAnswer(keys.Count, null));
    }
}

/// <param name="Keys">With dryRun=true: the work items a replay would queue.</param>
public sealed record ReplayAnswer(int Queued, IReadOnlyList<string>? Keys);
