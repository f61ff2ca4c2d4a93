using Marten;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// The webhook intake parks the deliveries of a flow that is off (stores them with no work message), and switching
/// the flow on releases what is parked. The two must not cross: an intake that read "off" and commits after the
/// switch-on looked for parked work would leave its delivery waiting for ever. So the intake holds a shared
/// transaction lock on each connection of its batch from before it reads the connections until it commits, and a
/// switch-on holds the exclusive one from before it looks for parked work: whichever comes second sees what the
/// first committed. The locks live in PostgreSQL's lock table (no row is written) and end with their transaction.
/// </summary>
public static class FlowSwitchLock
{
    /// <summary>For the intake: begins the session's transaction, then holds the connections' locks shared (in
    /// order, so two batches never wait for each other).</summary>
    public static async Task ShareAsync(IDocumentSession session, IEnumerable<string> connectionIds,
        CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        string[] ids = [.. connectionIds.Order(StringComparer.Ordinal)];
        await session.AdvancedSql.QueryAsync<int>(
            "select count(*)::int from (select pg_advisory_xact_lock_shared(hashtextextended(c, 7302)) " +
            "from unnest(?::text[]) with ordinality as l(c, n) order by n) locked", ct, (object)ids);
    }

    /// <summary>For a switch-on: begins the session's transaction, then holds the connection's lock alone.</summary>
    public static async Task TakeAsync(IDocumentSession session, string connectionId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>(
            "select count(*)::int from (select pg_advisory_xact_lock(hashtextextended(?, 7302))) locked", ct,
            connectionId);
    }
}
