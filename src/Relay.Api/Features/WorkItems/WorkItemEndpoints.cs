using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Api.Infrastructure.Telemetry;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

public static class WorkItemEndpoints
{
    public static RouteGroupBuilder MapWorkItemEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/work-items").WithTags("Work items");
        group.MapGet("/", ListWorkItemsAsync)
            .WithName("ListWorkItems")
            .WithSummary("List work items, newest first, filtered by connection, flow, status, time received, entity "
                + "(order id, SKU), item id or order number and text in the error")
            .ProducesValidationProblem();
        group.MapGet("/{key}", GetWorkItemAsync)
            .WithName("GetWorkItem")
            .WithSummary("Get one work item by its key, e.g. ccv:shop-1:order:123")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{key}/events", GetWorkItemEventsAsync)
            .WithName("GetWorkItemEvents")
            .WithSummary("The audit trail of one work item: every event, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapReplayEndpoints();
        return group;
    }

    internal static async Task<Results<Ok<WorkItemPage>, ValidationProblem>> ListWorkItemsAsync(
        ClaimsPrincipal user, IQuerySession session, HttpContext http, CancellationToken ct, string? connectionId =
            null, Flow? flow = null,
        WorkStatus? status = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? entityId = null,
            string? error = null,
        int page = 1, int pageSize = 50, string? order = null)
    {
        // Enums by name, as in bodies: the binder would take "1" or "12345" too.
        if (flow is { } f && (!Enum.IsDefined(f) || int.TryParse(http.Request.Query["flow"], out _)))
            return Problems.Invalid("flow", $"One of {string.Join(", ", Enum.GetNames<Flow>())} (by name).");
        if (status is { } st && (!Enum.IsDefined(st) || int.TryParse(http.Request.Query["status"], out _)))
            return Problems.Invalid("status", $"One of {string.Join(", ", Enum.GetNames<WorkStatus>())} (by name).");
        if (page < 1) return Problems.Invalid("page", "The page number starts at 1.");
        if (pageSize is < 1 or > 500) return Problems.Invalid("pageSize", "The page size is between 1 and 500.");
        if (from > to) return Problems.Invalid("from", "'from' must not be after 'to'.");

        if (error is { Length: > 200 }) return Problems.Invalid("error", "At most 200 characters.");
        if (order is { Length: > 50 }) return Problems.Invalid("order", "At most 50 characters.");
        var query = new WorkItemFilter(connectionId, flow, status, from, to, entityId, error, Order: order)
            .Apply(session.Query<WorkItem>(), await session.VisibleConnectionIdsAsync(user, ct));
        var items = await query.OrderByDescending(w => w.ReceivedAt).ThenBy(w => w.Id).ToPagedListAsync(page, pageSize, ct);
        return TypedResults.Ok(new WorkItemPage(items.Select(WorkItemResponse.From).ToList(), page, pageSize, items.TotalItemCount));
    }

    internal static async Task<Results<Ok<WorkItemResponse>, ProblemHttpResult>> GetWorkItemAsync(
        string key, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var item = await session.SeesWorkAsync(user, key, ct) ? await session.LoadAsync<WorkItem>(key, ct) : null;
        return item is null ? Problems.NotFound($"There is no work item '{key}'.") : TypedResults.Ok(WorkItemResponse.From(item));
    }

    internal static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> GetWorkItemEventsAsync(
        string key, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (!await session.SeesWorkAsync(user, key, ct)) return Problems.NotFound($"There is no work item '{key}'.");
        var events = await session.Events.FetchStreamAsync(key, token: ct);
        if (events.Count == 0) return Problems.NotFound($"There is no work item '{key}'.");
        return TypedResults.Ok<IReadOnlyList<AuditEntry>>(events.Select(AuditEntry.From).ToList());
    }
}
