using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.Stock;

namespace Relay.Api.Features.Stock;

public static class StockEndpoints
{
    public static RouteGroupBuilder MapStockEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/flows/stock").WithTags("Stock");
        group.MapPut("/", SetStockFlowAsync)
            .WithName("SetStockFlow")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .WithSummary("Switch the stock flow on or off and replace its settings (interval, formula, fields, manage stock)")
            .WithDescription("Off until set. Stock is read from AccountView and written to the shop's products and variants.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/status", GetStockStatusAsync)
            .WithName("GetStockStatus")
            .WithSummary("Where the stock flow stands: last poll, its cost and changes, writes waiting and pending")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/poll", PollStockNowAsync)
            .WithName("PollStockNow")
            .WithSummary("Poll AccountView for stock changes now (full=true reads every article), instead of at the next interval")
            .WithDescription("Waits for a poll under way to finish first, then polls and answers what it read and changed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Results<Ok<ConnectionResponse>, ValidationProblem, ProblemHttpResult>> SetStockFlowAsync(
        string id, StockFlowSettings settings, ClaimsPrincipal user, IDocumentSession session, SettingsCodes codes,
        TimeProvider clock, CancellationToken ct)
    {
        if (StockFlowSettingsCheck.Problems(settings) is { Count: > 0 } invalid) return TypedResults.ValidationProblem(invalid);
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        var before = connection.Settings();
        // The formula's fields must be ARTICLE fields of this administration: a missing one would read as 0 on
        // every article.
        if (await codes.FieldProblemsAsync(connection, before with { Stock = settings }, "stock",
            ct) is { Count: > 0 } missing)
            return TypedResults.ValidationProblem(missing);
        connection.Stock = settings;
        session.Update(connection);
        session.Record(connection, before, "stock", user, clock);
        // Switched off, the connection's stock writes stop at their next SKU (StockWriter looks before each).
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(connection.ToResponse());
    }

    /// <param name="WritesWaiting">The figures waiting to be written to the shop: the pending ones (kept for
    /// callers of the in-memory writer's count, which it replaces).</param>
    /// <param name="Formula">The formula in use, in words; <paramref name="Fields"/> the ARTICLE fields it
    /// reads.</param>
    public sealed record StockStatusResponse(bool Enabled, StockPollState? Poll, int WritesWaiting, int Pending,
        int Skipped,
        string Formula, IReadOnlyList<string> Fields);

    internal static async Task<Results<Ok<StockStatusResponse>, ProblemHttpResult>> GetStockStatusAsync(
        string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        var state = await session.LoadAsync<StockPollState>(id, ct);
        var pending = await session.Query<StockItem>().CountAsync(i => i.ConnectionId == id && i.Pending, ct);
        var skipped = await session.Query<StockItem>().CountAsync(i => i.ConnectionId == id && i.Skipped, ct);
        var settings = connection.Stock ?? new StockFlowSettings();
        return TypedResults.Ok(new StockStatusResponse(connection.Stock is { Enabled: true }, state,
            pending, pending, skipped,
            StockFigure.Describe(settings), settings.Fields.UsedBy(settings.Formula)));
    }

    internal static async Task<Results<Ok<StockPollResult>, ProblemHttpResult>> PollStockNowAsync(
        string id, ClaimsPrincipal user, IQuerySession session, StockPoller poller, bool? full, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (connection.Stock is not { Enabled: true } || connection.AccountView is null)
            return Problems.Conflict("The stock flow of this connection is off, or it has no AccountView credentials.");
        return await poller.PollNowAsync(connection, full ?? false, ct) is { } result
            ? TypedResults.Ok(result)
            : Problems.Conflict("Another Relay replica polls this connection; ask it, or wait for its next interval.");
    }
}
