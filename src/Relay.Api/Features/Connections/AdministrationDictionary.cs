using System.Collections.Concurrent;
using Marten;
using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;

namespace Relay.Api.Features.Connections;

/// <summary>
/// The data dictionary of each connection's administration, read from AccountView and kept in PostgreSQL, so every
/// replica
/// writes with the same field sets. Stale after a day; a failed read keeps the last good copy and is tried again
/// after a
/// few minutes, not on every order.
/// </summary>
public sealed class AdministrationDictionary(IDocumentStore store, AccountViewClient accountView, TimeProvider clock)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    // Orders arriving together for a new connection wait for one read, not one each.
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountViewFieldsDocument>>> _reading = new();

    /// <summary>The connection's credentials with its dictionary, for writes that must fit the
    /// administration.</summary>
    public async Task<AccountViewAccess?> AccessAsync(ConnectionDocument connection, CancellationToken ct) =>
        connection.AccountViewAccess() is { } access
            ? access with { Fields = (await GetAsync(connection, ct))?.Fields } : null;

    public async Task<AccountViewFieldsDocument?> GetAsync(ConnectionDocument connection, CancellationToken ct)
    {
        AccountViewFieldsDocument? stored;
        await using (var query = store.QuerySession()) stored =
            await query.LoadAsync<AccountViewFieldsDocument>(connection.Id, ct);
        var now = clock.GetUtcNow();
        if (stored?.ReadAt is { } read && now - read < RefreshAfter) return stored;
        if (stored is not null && now - stored.AttemptedAt < RetryAfter) return stored;
        return connection.AccountViewAccess() is null ? stored : await RefreshAsync(connection, ct);
    }

    /// <summary>Reads the dictionary now; the answer says what was read, or why it could not be.</summary>
    public Task<AccountViewFieldsDocument> RefreshAsync(ConnectionDocument connection, CancellationToken ct)
    {
        // Keyed by the administration too: a read for the company the connection had before is not joined.
        var key = $"{connection.Id}|{connection.AccountView?.BaseUrl}|{connection.AccountView?.CompanyId}";
        var reading = _reading.GetOrAdd(key,
            _ => new Lazy<Task<AccountViewFieldsDocument>>(() => ReadAsync(connection, CancellationToken.None)));
        // The shared read is not cancelled by one caller giving up; each caller stops waiting at its own cancellation.
        return reading.Value.ContinueWith(t =>
        {
            _reading.TryRemove(KeyValuePair.Create(key, reading));
            return t;
        }, TaskScheduler.Default).Unwrap().WaitAsync(ct);
    }

    private async Task<AccountViewFieldsDocument> ReadAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var access = connection.AccountViewAccess()
                     ?? throw new InvalidOperationException("The connection has no AccountView credentials.");
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<AccountViewFieldsDocument>(connection.Id, ct);
        var now = clock.GetUtcNow();
        AccountViewFieldsDocument document;
        try
        {
            var fields = await accountView.ReadDictionaryAsync(access, AccountViewClient.DictionaryTables, ct);
            document = new AccountViewFieldsDocument { Id = connection.Id, Fields = fields, ReadAt = now,
                AttemptedAt = now };
        }
        catch (Exception e) when (e is not OperationCanceledException || OutboundFailure.Is(e, ct))
        {
            // Whatever went wrong (an answer that is no dictionary included) is recorded, so it is not tried on
            // every order.
            var why = e is AccountViewException av ? av.AccountViewMessage
                : OutboundFailure.Is(e, ct) ? OutboundFailure.Describe(e) : e.Message;
            document = (stored ?? new AccountViewFieldsDocument { Id = connection.Id }) with { AttemptedAt = now,
                Problem = why };
        }
        // The connection may have moved to another administration meanwhile: then this read is of no use.
        if (await session.LoadAsync<ConnectionDocument>(connection.Id, ct) is not { AccountView: { } current }
            || current.BaseUrl != connection.AccountView?.BaseUrl
                || current.CompanyId != connection.AccountView?.CompanyId)
            return document;
        session.Store(document);
        await session.SaveChangesAsync(ct);
        return document;
    }
}
