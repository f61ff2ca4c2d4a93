using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddRelayHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
        return services;
    }

    public static RouteGroupBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new HealthAnswer("live")))
            .WithName("Live")
            .WithSummary("The process is up");
        group.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Relay can serve: PostgreSQL is reachable")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    internal static async Task<Results<Ok<HealthAnswer>, ProblemHttpResult>> ReadyAsync(HealthCheckService health, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(new HealthAnswer("ready"))
            : Problems.Create(StatusCodes.Status503ServiceUnavailable, "Not ready",
                string.Join("; ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}")));
    }

    public sealed record HealthAnswer(string Status);

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not reachable");
            }
        }
    }
}
