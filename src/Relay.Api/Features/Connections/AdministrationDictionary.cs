using System.Collections.Concurrent;
using Marten;
using Relay.Api.Clients;
using Relay.Api.Clients.AccountView;

namespace Relay.Api.Features.Connections;

/// <summary>
/// The data dictionary of each connection's administration, read from AccountView and kept in PostgreSQL, so every replica
/// writes with the same field sets. Stale after a day; a failed read keeps the last good copy and is tried again after a
/// few minutes, not on every order.
/// </summary>
public sealed class AdministrationDictionary(IDocumentStore store, AccountViewClient accountView, TimeProvider clock)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    // Orders arriving together for a new connection wait for one read, not one each.
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountViewFieldsDocument>>> _reading = new();

    /// <summary>The connection's credentials with its dictionary, for writes that must fit the administration.</summary>
    public async Task<AccountViewAccess?> AccessAsync(ConnectionDocument connection, CancellationToken ct) =>
        connection.AccountViewAccess() is { } access ? access with { Fields = (await GetAsync(connection, ct))?.Fields } : null;

    public async Task<AccountViewFieldsDocument?> GetAsync(ConnectionDocument connection, CancellationToken ct)
    {
        AccountViewFieldsDocument? stored;
        await using (var query = store.QuerySession()) stored = await query.LoadAsync<AccountViewFieldsDocument>(connection.Id, ct);
        var now = clock.GetUtcNow();
        if (stored?.ReadAt is { } read && now - read < RefreshAfter) return stored;
        if (stored is not null && now - stored.AttemptedAt < RetryAfter) return stored;
        return connection.AccountViewAccess() is null ? stored : await RefreshAsync(connection, ct);
    }

    /// <summary>Reads the dictionary now; the answer says what was read, or why it could not be.</summary>
    public Task<AccountViewFieldsDocument> RefreshAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var reading = _reading.GetOrAdd(connection.Id, _ => new Lazy<Task<AccountViewFieldsDocument>>(() => ReadAsync(connection, CancellationToken.None)));
        // The shared read is not cancelled by one caller giving up; each caller stops waiting at its own cancellation.
        return reading.Value.ContinueWith(t =>
        {
            _reading.TryRemove(KeyValuePair.Create(connection.Id, reading));
            return t;
        }, TaskScheduler.Default).Unwrap().WaitAsync(ct);
    }

    private async Task<AccountViewFieldsDocument> ReadAsync(ConnectionDocument connection, CancellationToken ct)
    {
        var access = connection.AccountViewAccess() ?? throw new InvalidOperationException("The connection has no AccountView credentials.");
        await using var session = store.LightweightSession();
        var stored = await session.LoadAsync<AccountViewFieldsDocument>(connection.Id, ct);
        var now = clock.GetUtcNow();
        AccountViewFieldsDocument document;
        try
        {
            var fields = await accountView.ReadDictionaryAsync(access, AccountViewClient.DictionaryTables, ct);
            document = new AccountViewFieldsDocument { Id = connection.Id, Fields = fields, ReadAt = now, AttemptedAt = now };
        }
        catch (Exception e) when (e is AccountViewException or AccountViewAuthorizationException || OutboundFailure.Is(e, ct))
        {
            var why = e is AccountViewException av ? av.AccountViewMessage : OutboundFailure.Describe(e);
            document = (stored ?? new AccountViewFieldsDocument { Id = connection.Id }) with { AttemptedAt = now, Problem = why };
        }
        session.Store(document);
        await session.SaveChangesAsync(ct);
        return document;
    }
}
