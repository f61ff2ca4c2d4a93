using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Relay.Api.Infrastructure.Database;

namespace Relay.Benchmarks.Drills;

/// <summary>
/// Relay scaled out as the README describes it: N replicas, one PostgreSQL (fsync on), a load balancer in
/// front. Every replica gets the same admin key, secrets key and public address.
/// </summary>
public sealed class RelayCluster : IAsyncDisposable
{
    public const string Key = "drill-admin-key-0123456789";
    private const string SecretsKey = "ZHJpbGwtc2VjcmV0cy1rZXktMDEyMzQ1Njc4OWFiY2Q=";
    private readonly EmbeddedPostgres _postgres;
    private readonly string _data;

    private RelayCluster(EmbeddedPostgres postgres, string data, List<RelayReplica> replicas)
    {
        _postgres = postgres;
        _data = data;
        Replicas = replicas;
        Balancer = new Balancer(replicas);
        Admin = new HttpClient(Balancer, disposeHandler: false)
            { BaseAddress = new Uri(Balancer.PublicUrl), Timeout = TimeSpan.FromSeconds(60) };
        Admin.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public IReadOnlyList<RelayReplica> Replicas { get; }
    public Balancer Balancer { get; }

    /// <summary>Admin calls, through the balancer, with the admin key.</summary>
    public HttpClient Admin { get; }

    /// <param name="poolSize">PostgreSQL connections per replica: PostgreSQL allows 100 in all by default.</param>
    public static async Task<RelayCluster> StartAsync(int replicas, int poolSize,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"relay-drill-{Guid.NewGuid():n}");
        var postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = data },
            NullLogger.Instance);
        var database = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = poolSize };
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Relay"] = database.ConnectionString,
            ["Relay__Admin__ApiKey"] = Key,
            ["Relay__Secrets__Key"] = SecretsKey,
            ["Relay__PublicBaseUrl"] = Balancer.PublicUrl,
            ["Relay__Sandbox__Enabled"] = "false",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) environment[name] = value;
        var list = Enumerable.Range(1, replicas)
            .Select(n => new RelayReplica(n, BenchmarkRelay.FreePort(), environment)).ToList();
        var cluster = new RelayCluster(postgres, data, list);
        // One at a time: the first creates the schema, the others find it.
        foreach (var replica in list)
        {
            replica.Start();
            await replica.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        }
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        foreach (var replica in Replicas) await replica.DisposeAsync();
        Balancer.Dispose();
        await _postgres.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // a drill's failure matters more
    }
}
