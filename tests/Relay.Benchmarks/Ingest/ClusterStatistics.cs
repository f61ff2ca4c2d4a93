using Npgsql;

namespace Relay.Benchmarks.Ingest;

/// <summary>
/// What the ingest benchmark reads from Relay's PostgreSQL, on connections of its own (application name
/// relay-bench-monitor): commits, statements (pg_stat_statements, which Relay's server preloads for the run),
/// connections held, and the work items stored.
/// </summary>
public sealed class ClusterStatistics(EmbeddedCluster cluster) : IAsyncDisposable
{
    private const string Bench = "relay-bench";

    /// <summary>Marks the benchmark's own statements, so pg_stat_statements' figures leave them out.</summary>
    private const string Mark = "/* relay-bench */ ";
    private const string NotMine = $"s.query not like '{Mark}%'";
    private readonly NpgsqlDataSource _postgres = NpgsqlDataSource.Create(cluster.ConnectionString($"{Bench}-monitor"));

    public async Task<string> ServerVersionAsync() => (string)(await ScalarAsync("show server_version"))!;

    public async Task EnsureStatementStatisticsAsync() =>
        await ScalarAsync("create extension if not exists pg_stat_statements");

    /// <summary>Transactions committed in Relay's database. PostgreSQL 15 publishes a backend's counts within about
    /// a second (and an idle one's within ten): a difference over a short point is rough at its edges.</summary>
    public async Task<long> CommitsAsync() =>
        (long)(await ScalarAsync("select xact_commit from pg_stat_database where datname = 'relay'"))!;

    public async Task ResetStatementsAsync() => await ScalarAsync("select pg_stat_statements_reset()");

    /// <summary>Statements run in Relay's database since the reset, less the benchmark's own.</summary>
    public async Task<long> StatementsAsync() => Convert.ToInt64(await ScalarAsync(
        $"select coalesce(sum(calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid " +
        $"where d.datname = 'relay' and {NotMine}"));

    /// <summary>The statements since the reset that took the most time, with their calls and milliseconds.</summary>
    public async Task<List<(string Query, long Calls, double Milliseconds)>> TopStatementsAsync(int count)
    {
        await using var command = _postgres.CreateCommand(Mark +
            "select regexp_replace(query, '\\s+', ' ', 'g'), calls, total_exec_time + total_plan_time " +
            "from pg_stat_statements s join pg_database d on d.oid = s.dbid " +
            $"where d.datname = 'relay' and {NotMine} order by 3 desc limit $1");
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await command.ExecuteReaderAsync();
        var top = new List<(string, long, double)>();
        while (await reader.ReadAsync()) top.Add((reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2)));
        return top;
    }

    /// <summary>Client connections now: the reference server's (by its application name), or Relay's (all but
    /// the benchmark's own).</summary>
    public async Task<int> ConnectionsAsync(bool reference) => Convert.ToInt32(await ScalarAsync(
        "select count(*) from pg_stat_activity where backend_type = 'client backend' and " +
        (reference
            ? $"application_name = '{ReferenceServer.ApplicationName}'"
            : $"application_name not like '{Bench}%'")));

    /// <summary>Work messages stored and not yet handled (Wolverine's durable inbox, relay schema): each stored
    /// delivery queues one, which runs after the commit, also with the flow off (it then parks the work).</summary>
    public async Task<long> QueuedMessagesAsync() => Convert.ToInt64(await ScalarAsync(
        "select count(*) from relay.wolverine_incoming_envelopes where status = 'Incoming'"));

    /// <summary>The keys of a connection's work items, from Marten's document table of them (relay.mt_doc_workitem).
    /// </summary>
    public async Task<HashSet<string>> WorkItemKeysAsync(string connectionId)
    {
        await using var command = _postgres.CreateCommand(Mark +
            "select id from relay.mt_doc_workitem where data ->> 'ConnectionId' = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = connectionId });
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var command = _postgres.CreateCommand(Mark + sql);
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();
}
