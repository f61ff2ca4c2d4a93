using Microsoft.Extensions.Logging.Abstractions;
using Relay.Api.Infrastructure.Database;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL the tests use: RELAY_TEST_POSTGRES when set, otherwise a throwaway cluster started by
/// the same component Relay uses at run time (fsync off), shared by the whole test run.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connectionString;

    public static async Task<string> ConnectionStringAsync()
    {
        if (_connectionString is not null) return _connectionString;
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is not null) return _connectionString;
            var configured = Environment.GetEnvironmentVariable("RELAY_TEST_POSTGRES");
            if (!string.IsNullOrWhiteSpace(configured)) return _connectionString = configured;

            var postgres = await EmbeddedPostgres.StartAsync(ThrowawayCluster(), NullLogger.Instance);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => postgres.StopAsync().GetAwaiter().GetResult();
            return _connectionString = postgres.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static EmbeddedPostgresOptions ThrowawayCluster(string? dataDirectory = null) => new()
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), $"relay-test-pg-{Guid.NewGuid():n}"),
        Durable = false,
        DeleteOnStop = dataDirectory is null,
        Database = "relay_tests",
    };
}
