using System.Collections.Concurrent;
using Marten;

namespace Relay.Api.Clients;

/// <summary>
/// How Relay's calls to each shop and each AccountView company have gone: failing since when, credentials refused,
/// the longest recent wait for the shop's rate limit. Kept in memory and written to PostgreSQL only when it changes
/// (a first failure, an answer after failures), so every replica's calls count and a call costs no write. What this
/// replica holds is read again every half minute: another replica's failure is cleared by an answer here.
/// </summary>
public sealed partial class SystemContacts(IDocumentStore store, TimeProvider clock, ILogger<SystemContacts> logger)
{
    /// <summary>A wait shorter than this is the limiter doing its job, not worth an alert.</summary>
    public static readonly TimeSpan NotableWait = TimeSpan.FromSeconds(5);

    private static readonly long ReloadMilliseconds = 30_000;

    private readonly ConcurrentDictionary<string, (Task<SystemContactDocument> Contact, long LoadedAt)> _known = new();

    public static string CcvShopId(string shopKey) => $"ccvshop|{shopKey}";

    public static string AccountViewId(string connectionId) => $"accountview|{connectionId}";

    public Task AnsweredAsync(string id) => ChangeAsync(id, c =>
    {
        if (c.FailingSince is null && c.CredentialsRejectedAt is null) return false;
        (c.FailingSince, c.LastFailure, c.CredentialsRejectedAt, c.CredentialsMessage) = (null, null, null, null);
        return true;
    });

    public Task NotAnsweringAsync(string id, string failure) => ChangeAsync(id, c =>
    {
        if (c.FailingSince is not null) return false;
        (c.FailingSince, c.LastFailure) = (clock.GetUtcNow(), failure);
        return true;
    });

    public Task RefusedAsync(string id, string message) => ChangeAsync(id, c =>
    {
        if (c.CredentialsRejectedAt is not null) return false;
        (c.CredentialsRejectedAt, c.CredentialsMessage) = (clock.GetUtcNow(), message);
        return true;
    });

    public Task WaitedAsync(string id, TimeSpan wait) => wait < NotableWait ? Task.CompletedTask : ChangeAsync(id, c =>
    {
        var now = clock.GetUtcNow();
        // The longest wait of the last minutes is kept; a shorter one replaces it only once it is getting old.
        if (c.LongestWaitAt is { } at && now - at < TimeSpan.FromMinutes(1) && wait <= c.LongestWait) return false;
        (c.LongestWait, c.LongestWaitAt) = (wait, now);
        return true;
    });

    /// <summary>Everything held here goes: read again from PostgreSQL at the next call (tests, after a
    /// reset).</summary>
    public void Forget() => _known.Clear();

    private async Task ChangeAsync(string id, Func<SystemContactDocument, bool> change)
    {
        try
        {
            var contact = await KnownAsync(id);
            SystemContactDocument copy;
            lock (contact)
            {
                if (!change(contact)) return;
                copy = new SystemContactDocument
                {
                    Id = id, FailingSince = contact.FailingSince, LastFailure = contact.LastFailure,
                    CredentialsRejectedAt = contact.CredentialsRejectedAt,
                    CredentialsMessage = contact.CredentialsMessage,
                    LongestWait = contact.LongestWait, LongestWaitAt = contact.LongestWaitAt,
                };
            }
            await using var session = store.LightweightSession();
            session.Store(copy);
            await session.SaveChangesAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The call itself went on: what is lost is one observation, which the next call makes again.
            NotRecorded(logger, e);
            _known.TryRemove(id, out _);
        }
    }

    private Task<SystemContactDocument> KnownAsync(string id)
    {
        var now = Environment.TickCount64;
        var entry = _known.AddOrUpdate(id, key => (LoadAsync(key), now),
            (key, old) => now - old.LoadedAt > ReloadMilliseconds || old.Contact.IsFaulted
                ? (LoadAsync(key), now)
                : old);
        return entry.Contact;
    }

    private async Task<SystemContactDocument> LoadAsync(string id)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<SystemContactDocument>(id) ?? new SystemContactDocument { Id = id };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A call's outcome could not be recorded for alerts")]
    private static partial void NotRecorded(ILogger logger, Exception e);
}

/// <summary>How Relay's calls to one system have gone lately (see <see cref="SystemContacts"/>).</summary>
public sealed class SystemContactDocument
{
    public required string Id { get; init; }
    public DateTimeOffset? FailingSince { get; set; }
    public string? LastFailure { get; set; }
    public DateTimeOffset? CredentialsRejectedAt { get; set; }
    public string? CredentialsMessage { get; set; }
    public TimeSpan LongestWait { get; set; }
    public DateTimeOffset? LongestWaitAt { get; set; }
}
