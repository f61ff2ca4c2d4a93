using Npgsql;

namespace Relay.Api.Features.Stock;

/// <summary>
/// Which connections' stock this poller runs. Exactly one poller per connection across replicas: each
/// poller holds a PostgreSQL session of its own, and owns a connection while that session holds the
/// connection's advisory lock. A replica that dies loses its session, and so its locks, and another
/// replica takes its connections over at its next tick.
/// </summary>
public sealed class StockOwnership(NpgsqlDataSource dataSource, ILogger logger, string scope = "relay-stock") : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _owned = [];
    private NpgsqlConnection? _session;

    /// <summary>True when this poller owns the connection's stock flow (taking it if nobody does).</summary>
    public async Task<bool> TryOwnAsync(string connectionId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var session = await SessionAsync(ct);
            if (_owned.Contains(connectionId)) return true;
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 7301))", session);
            command.Parameters.AddWithValue($"{scope}:{connectionId}");
            var taken = (bool)(await command.ExecuteScalarAsync(ct))!;
            if (taken) _owned.Add(connectionId);
            return taken;
        }
        catch (NpgsqlException e)
        {
            // The session is gone, and with it every lock it held: start over at the next tick.
            logger.LogWarning(e, "The stock ownership session failed; ownership is given up until it is back");
            await DropSessionAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives a connection up (its stock flow was switched off).</summary>
    public async Task ReleaseAsync(string connectionId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_session is null || !_owned.Remove(connectionId)) return;
            await using var command = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 7301))", _session);
            command.Parameters.AddWithValue($"{scope}:{connectionId}");
            await command.ExecuteScalarAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<NpgsqlConnection> SessionAsync(CancellationToken ct)
    {
        if (_session is { State: System.Data.ConnectionState.Open })
        {
            // A session that broke silently must not be trusted with locks it may no longer hold.
            await using var ping = new NpgsqlCommand("select 1", _session);
            await ping.ExecuteScalarAsync(ct);
            return _session;
        }
        await DropSessionAsync();
        _session = await dataSource.OpenConnectionAsync(ct);
        return _session;
    }

    private async Task DropSessionAsync()
    {
        _owned.Clear();
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
            // Broken or busy: closing the session ends it, and its locks, on the server.
        }
        await _session.DisposeAsync();
        _session = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await DropSessionAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
