using Npgsql;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// Locks that hold across replicas: PostgreSQL advisory locks, all held by one session of this process
/// (one connection, however many are held). A second holder in this process is refused here, since
/// PostgreSQL lets one session take the same lock twice. When the session breaks, its locks are gone on
/// the server: every holder is told through <see cref="Hold.Lost"/>, and its work is cut off.
/// </summary>
public sealed class ClusterLocks(NpgsqlDataSource dataSource, ILogger<ClusterLocks> logger) : IAsyncDisposable
{
    /// <summary>How often a wait for a held lock asks again.</summary>
    public static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(25);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Hold> _held = [];
    private NpgsqlConnection? _session;

    /// <summary>Takes the lock if nobody (here or on another replica) holds it; null when someone does.</summary>
    public async Task<Hold?> TryHoldAsync(string name, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_held.ContainsKey(name)) return null;
            var session = await SessionAsync(ct);
            await using var command =
                new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 7301))", session);
            command.Parameters.AddWithValue(name);
            // Not cancelled: a try-lock never waits, and one cut off after the server took the lock would leave it
            // held there and unknown here.
            if (!(bool)(await command.ExecuteScalarAsync(CancellationToken.None))!) return null;
            return _held[name] = new Hold(this, name);
        }
        catch (NpgsqlException e)
        {
            await DropSessionAsync(e);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the lock (bounded by <paramref name="ct"/>).</summary>
    public async Task<Hold> HoldAsync(string name, CancellationToken ct)
    {
        while (true)
        {
            if (await TryHoldAsync(name, ct) is { } hold) return hold;
            await Task.Delay(WaitStep, ct);
        }
    }

    private async Task ReleaseAsync(Hold hold)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_held.Remove(hold.Name) || _session is null || hold.Lost.IsCancellationRequested) return;
            await using var command =
                new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 7301))", _session);
            command.Parameters.AddWithValue(hold.Name);
            await command.ExecuteScalarAsync();
        }
        catch (NpgsqlException e)
        {
            await DropSessionAsync(e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NpgsqlConnection> SessionAsync(CancellationToken ct)
    {
        if (_session is { State: System.Data.ConnectionState.Open }) return _session;
        await DropSessionAsync(null);
        _session = await dataSource.OpenConnectionAsync(ct);
        return _session;
    }

    private async Task DropSessionAsync(Exception? why)
    {
        if (why is not null)
            logger.LogWarning(why, "The lock session failed; the {Count} locks it held are given up", _held.Count);
        foreach (var hold in _held.Values) await hold.Lost.CancelAsync();
        _held.Clear();
        if (_session is null) return;
        try
        {
            // A pooled session keeps its locks until reused: let go of them before handing it back.
            if (_session.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("select pg_advisory_unlock_all()", _session);
                await unlock.ExecuteScalarAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Broken: the server ends the session, and its locks, when the connection is gone.
        }
        await _session.DisposeAsync();
        _session = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await DropSessionAsync(null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A lock held; disposing it lets go.</summary>
    public sealed class Hold(ClusterLocks owner, string name) : IAsyncDisposable
    {
        public string Name { get; } = name;

        /// <summary>Cancelled when the lock session broke: the lock may be someone else's now.</summary>
        public CancellationTokenSource Lost { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await owner.ReleaseAsync(this);
            Lost.Dispose();
        }
    }
}
