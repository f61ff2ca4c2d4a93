using System.Diagnostics;
using System.Globalization;
using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Stock;

/// <summary>What one poll did.</summary>
public sealed record StockPollResult(bool Full, int Articles, int Changes, long Milliseconds);

/// <summary>
/// One poll of one connection's AccountView articles (accountview-api.md §4.2): those changed since the
/// watermark (less the overlap), or all of them on a full scan. An article's figure is appended to its
/// SKU's stream only when it differs from the last figure wanted (or, for a SKU Relay never wrote, from what
/// the shop shows), so an unchanged article costs a row read and nothing more. Each batch of changes is handed
/// to the stock lane in the transaction that records it (a <see cref="StockWrites"/> message through the
/// outbox); a poll that records none but finds figures still pending (a failed write) hands those over again.
/// </summary>
public sealed class StockPoll(IDocumentStore store, AccountViewClient accountView, ShopSkuIndex shop,
    WorkQueue queue, AdministrationDictionary dictionary, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<StockPollResult> RunAsync(ConnectionDocument connection, bool forceFull, CancellationToken ct)
    {
        var settings = connection.Stock ?? new StockFlowSettings();
        var av = connection.AccountViewAccess() ?? throw new InvalidOperationException("The connection has no AccountView credentials.");
        // A reservation field the articles do not have (QTY_RES, the default of older versions) is not subtracted: the
        // available figure already nets reservations out there (§4.1).
        if (settings.Fields.Reserved is { Length: > 0 } reserved
            && (await dictionary.GetAsync(connection, ct))?.Fields is { } fields
            && fields.Table("ARTICLE") is not null && !fields.Has("ARTICLE", reserved))
            settings = settings with { Fields = settings.Fields with { Reserved = null } };
        var timer = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        StockPollState state;
        await using (var query = store.QuerySession())
            state = await query.LoadAsync<StockPollState>(connection.Id, ct) ?? new StockPollState { Id = connection.Id };

        await shop.CountAsync(connection, ct); // the shop's figures, for SKUs Relay has not written yet
        var full = forceFull || state.Watermark is null || state.LastFullScanAt is null || now - state.LastFullScanAt >= TimeSpan.FromHours(settings.FullScanHours);
        DateTimeOffset? since = full ? null : state.Watermark - TimeSpan.FromSeconds(settings.OverlapSeconds);
        var watermark = state.Watermark;
        int articles = 0, changes = 0;
        var batch = new List<(string Sku, StockFigure Figure)>(Batch);
        await foreach (var row in accountView.ReadArticlesAsync(av, since, ct))
        {
            articles++;
            if (ChangeDate(row) is { } changed && (watermark is null || changed > watermark)) watermark = changed;
            if (row["ART_CODE"]?.Trim() is not { Length: > 0 } sku) continue;
            batch.Add((sku, StockFigure.Compute(Quantities(row, settings.Fields), settings)));
            if (batch.Count == Batch) changes += await RecordAsync(connection, batch, ct);
        }
        changes += await RecordAsync(connection, batch, ct);

        state.Watermark = watermark;
        state.LastPollAt = now;
        state.LastAttemptAt = now;
        if (full) state.LastFullScanAt = now;
        state.LastPollWasFull = full;
        state.LastPollArticles = articles;
        state.LastPollChanges = changes;
        state.LastPollMilliseconds = timer.ElapsedMilliseconds;
        state.LastError = null;
        state.Polls++;
        var (session, outbox) = queue.OpenSession();
        await using (session)
        {
            session.Store(state);
            if (changes == 0 && await session.Query<StockItem>()
                    .AnyAsync(i => i.ConnectionId == connection.Id && i.Pending, ct))
                await outbox.PublishAsync(new StockWrites(connection.Id));
            await session.SaveChangesAsync(ct);
        }
        return new StockPollResult(full, articles, changes, timer.ElapsedMilliseconds);
    }

    /// <summary>Appends a StockChanged for each figure that differs from the one last wanted; returns how many.</summary>
    private async Task<int> RecordAsync(ConnectionDocument connection, List<(string Sku, StockFigure Figure)> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        var at = clock.GetUtcNow();
        var (session, outbox) = queue.OpenSession();
        await using var _ = session;
        var keys = batch.Select(b => WorkKey.ForStock(connection.Id, b.Sku).ToString()).Distinct().ToArray();
        var known = (await session.LoadManyAsync<StockItem>(ct, keys)).ToDictionary(i => i.Id);
        var changed = 0;
        foreach (var (sku, figure) in batch.DistinctBy(b => b.Sku, StringComparer.Ordinal))
        {
            var key = WorkKey.ForStock(connection.Id, sku).ToString();
            var unchanged = known.TryGetValue(key, out var item) ? item.Wanted == figure.Value : shop.KnownStock(connection.Id, sku) == figure.Value;
            if (unchanged) continue;
            session.Events.Append(key, new StockChanged(key, connection.Id, sku, figure.Value, figure.How, "AccountView article", at));
            changed++;
        }
        if (changed > 0) await outbox.PublishAsync(new StockWrites(connection.Id));
        await session.SaveChangesAsync(ct);
        batch.Clear();
        return changed;
    }

    private static Dictionary<string, decimal?> Quantities(AvRow row, StockFields fields)
    {
        var quantities = new Dictionary<string, decimal?>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in new[] { fields.Physical, fields.Available, fields.Reserved,
            fields.Free }.OfType<string>().Where(f => f.Length > 0))
            quantities[field] = decimal.TryParse(row[field], NumberStyles.Number, CultureInfo.InvariantCulture, out var q) ? q : null;
        return quantities;
    }

    /// <summary>CNG_DATE as AccountView wrote it (whole seconds, its own clock), read as UTC to round-trip into the next filter.</summary>
    private static DateTimeOffset? ChangeDate(AvRow row) =>
        DateTimeOffset.TryParse(row["CNG_DATE"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
