using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Relay.Api.Infrastructure.Database;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Database;

/// <summary>The private PostgreSQL Relay starts when no connection string is configured.</summary>
public sealed class RunningEmbeddedPostgres : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"relay-pg-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Data_survives_a_restart()
    {
        var first = await EmbeddedPostgres.StartAsync(TestDatabase.ThrowawayCluster(_dataDirectory), NullLogger.Instance);
        await ExecuteAsync(first.ConnectionString, "create table kept(v int); insert into kept values (42)");
        await first.StopAsync();

        var second = await EmbeddedPostgres.StartAsync(TestDatabase.ThrowawayCluster(_dataDirectory), NullLogger.Instance);
        try
        {
            (await ScalarAsync(second.ConnectionString, "select v from kept")).ShouldBe(42);
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task A_stale_pid_file_from_a_killed_run_does_not_block_the_start()
    {
        var first = await EmbeddedPostgres.StartAsync(TestDatabase.ThrowawayCluster(_dataDirectory), NullLogger.Instance);
        await first.StopAsync();
        // A pid file naming a live process that is not PostgreSQL (this test process), as after a reboot.
        var pidFile = Path.Combine(_dataDirectory, "cluster", "postmaster.pid");
        await File.WriteAllLinesAsync(pidFile, [Environment.ProcessId.ToString(), Path.Combine(_dataDirectory, "cluster"), "0", "5999"]);

        var second = await EmbeddedPostgres.StartAsync(TestDatabase.ThrowawayCluster(_dataDirectory), NullLogger.Instance);
        try
        {
            (await ScalarAsync(second.ConnectionString, "select 7")).ShouldBe(7);
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task A_server_left_running_by_a_killed_relay_is_adopted()
    {
        var orphan = await EmbeddedPostgres.StartAsync(TestDatabase.ThrowawayCluster(_dataDirectory), NullLogger.Instance);
        // No stop: the next start finds the server still running.

        var adopted = await EmbeddedPostgres.StartAsync(TestDatabase.ThrowawayCluster(_dataDirectory), NullLogger.Instance);
        try
        {
            new NpgsqlConnectionStringBuilder(adopted.ConnectionString).Port.ShouldBe(new NpgsqlConnectionStringBuilder(orphan.ConnectionString).Port);
            (await ScalarAsync(adopted.ConnectionString, "select 1")).ShouldBe(1);
        }
        finally
        {
            await adopted.StopAsync();
        }
    }

    [Fact]
    public async Task Without_server_programs_the_error_names_both_ways_out()
    {
        var options = TestDatabase.ThrowawayCluster(_dataDirectory);
        options.BinDirectory = Path.Combine(_dataDirectory, "no-bin");

        var error = await Should.ThrowAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(options, NullLogger.Instance));

        error.Message.ShouldContain("install");
        error.Message.ShouldContain("ConnectionStrings__Relay");
    }

    [Fact]
    public async Task Server_settings_from_the_configuration_reach_the_server()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Relay:EmbeddedPostgres:ServerSettings:shared_preload_libraries"] = "pg_stat_statements",
            ["Relay:EmbeddedPostgres:ServerSettings:work_mem"] = "5MB",
        }).Build();
        var options = TestDatabase.ThrowawayCluster(_dataDirectory);
        configuration.GetSection(EmbeddedPostgresOptions.Section).Bind(options);

        var postgres = await EmbeddedPostgres.StartAsync(options, NullLogger.Instance);
        try
        {
            (await TextAsync(postgres.ConnectionString, "show work_mem")).ShouldBe("5MB");
            await ExecuteAsync(postgres.ConnectionString, "create extension if not exists pg_stat_statements");
            // Readable only when the library was loaded at the server's start.
            (await ScalarAsync(postgres.ConnectionString, "select count(*) from pg_stat_statements"))
                .ShouldBeGreaterThan(0);
        }
        finally
        {
            await postgres.StopAsync();
        }
    }

    [Theory]
    [InlineData("work_mem", "5MB -c fsync=off")]
    [InlineData("work_mem", "5MB; rm -rf /")]
    [InlineData("work mem", "5MB")]
    public async Task A_server_setting_that_could_change_the_command_line_is_refused(string name, string value)
    {
        var options = TestDatabase.ThrowawayCluster(_dataDirectory);
        options.ServerSettings[name] = value;

        var error = await Should.ThrowAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgres.StartAsync(options, NullLogger.Instance));

        error.Message.ShouldContain("ServerSettings");
        Directory.Exists(_dataDirectory).ShouldBeFalse(); // refused before anything was written
    }

    private static Task ExecuteAsync(string connectionString, string sql) => QueryAsync(connectionString, sql);

    private static async Task<string?> TextAsync(string connectionString, string sql) =>
        (string?)await QueryAsync(connectionString, sql);

    private static async Task<int> ScalarAsync(string connectionString, string sql) =>
        Convert.ToInt32(await QueryAsync(connectionString, sql));

    private static async Task<object?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
