using JasperFx;
using System.Text;
using Wolverine.Runtime;
using Wolverine.Runtime.Agents;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// Who runs a connection's scheduled work (stock polls, catalogue and customer scans, order reconciliation):
/// connections are spread over <see cref="Count"/> shards by a stable hash of their id, and each shard is a
/// Wolverine agent, which Wolverine's elected leader places on exactly one replica and moves to another when
/// that one dies. A replica polls only the connections of the shards it runs. One replica alone runs them all.
/// </summary>
public sealed class ConnectionShards(ILogger<ConnectionShards> logger) : IStaticAgentFamily
{
    private readonly ILogger _logger = logger;

    /// <summary>Enough to spread the connections over a handful of replicas; fixed, so no agent is ever
    /// unknown.</summary>
    public const int Count = 8;

    public const string SchemeName = "relay-connections";

    private readonly int[] _running = new int[Count];

    public string Scheme => SchemeName;

    /// <summary>How many shards run on this replica now.</summary>
    public int Running => Enumerable.Range(0, Count).Count(shard => Volatile.Read(ref _running[shard]) == 1);

    /// <summary>Whether this replica runs the connection's scheduled work now.</summary>
    public bool Owns(string connectionId) => Volatile.Read(ref _running[ShardOf(connectionId)]) == 1;

    /// <summary>FNV-1a of the id: the same shard on every replica and at every start.</summary>
    public static int ShardOf(string connectionId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(connectionId)) hash = (hash ^ b) * 16777619u;
        return (int)(hash % Count);
    }

    private static Uri UriOf(int shard) => new($"{SchemeName}://shard/{shard}");

    public ValueTask<IReadOnlyList<Uri>> AllKnownAgentsAsync() =>
        ValueTask.FromResult<IReadOnlyList<Uri>>(Enumerable.Range(0, Count).Select(UriOf).ToList());

    public ValueTask<IAgent> BuildAgentAsync(Uri uri, IWolverineRuntime wolverineRuntime)
    {
        if (uri.Scheme != SchemeName || !int.TryParse(uri.Segments[^1], out var shard) || shard is < 0 or >= Count)
            throw new InvalidAgentException($"'{uri}' is not a connection shard.");
        return ValueTask.FromResult<IAgent>(new Shard(this, shard, uri));
    }

    public ValueTask<IReadOnlyList<Uri>> SupportedAgentsAsync() => AllKnownAgentsAsync();

    public ValueTask EvaluateAssignmentsAsync(AssignmentGrid assignments)
    {
        assignments.DistributeEvenly(SchemeName);
        return ValueTask.CompletedTask;
    }

    private sealed class Shard(ConnectionShards family, int number, Uri uri) : IAgent
    {
        public Uri Uri { get; } = uri;

        public AgentStatus Status { get; private set; } = AgentStatus.Stopped;

        public string Description => $"Scheduled work of the connections in shard {number} of {Count}";

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Volatile.Write(ref family._running[number], 1);
            Status = AgentStatus.Running;
            WorkLog.ShardStarted(family._logger, number);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Volatile.Write(ref family._running[number], 0);
            Status = AgentStatus.Stopped;
            WorkLog.ShardStopped(family._logger, number);
            return Task.CompletedTask;
        }
    }
}
