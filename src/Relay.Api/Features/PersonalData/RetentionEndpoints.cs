using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;
using Relay.Domain.PersonalData;

namespace Relay.Api.Features.PersonalData;

/// <summary>Retention on demand, and the record of every run (its settings are PUT .../retention).</summary>
public static class RetentionEndpoints
{
    public static RouteGroupBuilder MapRetentionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/retention").WithTags("Personal data");
        group.MapPost("/run", RunAsync)
            .WithName("RunRetention")
            .WithSummary("Apply the connection's retention now: mask personal data past its days, delete work items "
                + "past theirs")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/runs", RunsAsync)
            .WithName("GetRetentionRuns")
            .WithSummary("Every retention run and erasure of the connection, newest first: how many work items were "
                + "masked, which were deleted")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Ok<RetentionRun.Report>, ProblemHttpResult>> RunAsync(string id,
        ClaimsPrincipal user, IQuerySession session, RetentionRun retention, ILogger<RetentionRun> logger,
        CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is not { } connection) return NotFound(id);
        var report = await retention.RunAsync(connection, $"asked by {user.Identity?.Name ?? "unknown"}", ct);
        PersonalDataLog.Swept(logger, id, report.Masked, report.Deleted);
        return TypedResults.Ok(report);
    }

    internal static async Task<Results<Ok<IReadOnlyList<RetentionApplied>>, ProblemHttpResult>> RunsAsync(string id,
        ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadConnectionAsync(user, id, ct) is null) return NotFound(id);
        var runs = await session.Events.FetchStreamAsync(RetentionApplied.StreamOf(id), token: ct);
        return TypedResults.Ok<IReadOnlyList<RetentionApplied>>(
            runs.Select(e => e.Data).OfType<RetentionApplied>().Reverse().ToList());
    }

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound($"There is no connection '{id}'.");
}
