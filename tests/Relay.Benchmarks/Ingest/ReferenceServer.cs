using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using Relay.Api.Infrastructure.Database;

namespace Relay.Benchmarks.Ingest;

/// <summary>
/// The ingest benchmark's references, in a process of their own (<c>Relay.Benchmarks.dll reference-server</c>),
/// on Relay's route shape: <c>/bare/...</c> reads the body and answers 202; <c>/insert/...</c> reads it, INSERTs
/// it into a table of its own in Relay's PostgreSQL (one statement, one commit) and answers 202. The same GC as
/// Relay (server GC, the default of a web project) and Relay's pool settings, so the gap is what Relay does.
/// </summary>
public static class ReferenceServer
{
    public const string ApplicationName = "relay-bench-reference";
    private const string DatabaseVariable = "RELAY_BENCH_REFERENCE_DATABASE";
    private const string Route = "webhooks/ccvshop/{connectionId}/{secret}/{event}";

    public static ServerProcess Process(string connectionString)
    {
        var url = $"http://127.0.0.1:{BenchmarkRelay.FreePort()}";
        return new ServerProcess("reference", "Relay.Benchmarks.dll", ["reference-server", "--urls", url], url,
            new Dictionary<string, string?> { [DatabaseVariable] = connectionString, ["DOTNET_gcServer"] = "1" },
            "/ready");
    }

    /// <summary>A delivery address of the reference ("bare" or "insert").</summary>
    public static string Path(string reference) => $"/{reference}/webhooks/ccvshop/reference/secret/orders.created";

    /// <summary>The process's own program.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var database = new NpgsqlConnectionStringBuilder(
            StorageSetup.Pooled(Environment.GetEnvironmentVariable(DatabaseVariable)!))
            { ApplicationName = ApplicationName };
        await using var postgres = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var create = postgres.CreateCommand("create table if not exists bench_reference_delivery " +
            "(id bigserial primary key, connection_id text not null, event text not null, body text not null, " +
            "received_at timestamptz not null default now())"))
            await create.ExecuteNonQueryAsync();

        var app = builder.Build();
        app.MapGet("/ready", () => Results.Ok());
        app.MapPost($"/bare/{Route}", async (HttpRequest request, CancellationToken ct) =>
        {
            await ReadBodyAsync(request, ct);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        app.MapPost($"/insert/{Route}", async (string connectionId, string @event, HttpRequest request,
            CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(request, ct);
            await using var insert = postgres.CreateCommand(
                "insert into bench_reference_delivery (connection_id, event, body) values ($1, $2, $3)");
            insert.Parameters.Add(new NpgsqlParameter { Value = connectionId });
            insert.Parameters.Add(new NpgsqlParameter { Value = @event });
            insert.Parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetString(body) });
            await insert.ExecuteNonQueryAsync(ct); // autocommit: one transaction, committed before the answer
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.RunAsync();
        return 0;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
