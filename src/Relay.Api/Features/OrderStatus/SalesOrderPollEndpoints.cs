using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.OrderStatus;

/// <summary>The sales-order poll that the order-status and orders-from-AccountView flows share.</summary>
public static class SalesOrderPollEndpoints
{
    public static RouteGroupBuilder MapSalesOrderPollEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/salesorders").WithTags("Orders back to the shop");
        group.MapGet("/poll", GetPollAsync)
            .WithName("GetSalesOrderPoll")
            .WithSummary("Where the poll of AccountView's sales orders stands: last poll, orders read and work queued")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/poll", PollNowAsync)
            .WithName("PollSalesOrdersNow")
            .WithSummary("Poll AccountView's changed sales orders now, instead of at the next interval")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Results<Ok<SalesOrderPollState>, ProblemHttpResult>> GetPollAsync(string id,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is null)
            return Problems.NotFound($"There is no connection '{id}'.");
        return TypedResults.Ok(await session.LoadAsync<SalesOrderPollState>(id, ct)
            ?? new SalesOrderPollState { Id = id });
    }

    internal static async Task<Results<Ok<SalesOrderPollResult>, ProblemHttpResult>> PollNowAsync(string id,
        ClaimsPrincipal user, IQuerySession session, SalesOrderPoller poller, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (SalesOrderPoller.IntervalOf(connection) is null || connection.AccountView is null)
            return Problems.Conflict("The order-status and orders-from-AccountView flows of this connection are off, "
                + "or it has no AccountView credentials.");
        return await poller.PollNowAsync(connection, ct) is { } result
            ? TypedResults.Ok(result)
            : Problems.Conflict("Another Relay replica polls this connection; ask it, or wait for its next interval.");
    }
}
