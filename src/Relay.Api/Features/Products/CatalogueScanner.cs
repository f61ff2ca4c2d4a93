using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Products;

/// <summary>
/// Finds product and customer work and queues it (one CatalogueWorkQueued per family, product or
/// customer): what changed in AccountView since a time, the whole catalogue, or the shop's customers.
/// Queuing is cheap and safe to repeat: each item re-reads and compares before it writes.
/// </summary>
public sealed class CatalogueScanner(IDocumentStore store, AccountViewClient accountView, CcvShopClient ccv,
    ShopProductSnapshots snapshots, WorkQueue queue, TimeProvider clock)
{
    private const int Batch = 500;

    /// <summary>
    /// AccountView article families changed since a time (all without one); returns the keys and the newest
    /// change date read. A poll (<paramref name="changedSince"/> set) passes over articles whose product
    /// fields are as they were when last queued: a stock count moves an article's change date too (§4.2),
    /// and that is the stock flow's work, not a product write.
    /// </summary>
    public async Task<(IReadOnlyList<string> Keys, DateTimeOffset? Newest)> QueueFamiliesAsync(ConnectionDocument connection, DateTimeOffset? changedSince,
        string trigger, CancellationToken ct)
    {
        var settings = connection.Products ?? new ProductFlowSettings();
        var av = connection.AccountViewAccess() ?? throw new AccountViewAuthorizationException("The connection has no AccountView credentials.");
        await using var session = store.LightweightSession();
        var seen = await session.LoadAsync<ArticleFingerprints>(connection.Id, ct) ?? new ArticleFingerprints { Id = connection.Id };
        var families = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        DateTimeOffset? newest = null;
        await foreach (var row in accountView.ReadArticlesAsync(av, changedSince, ct))
        {
            if (row["ART_CODE"] is not { Length: > 0 } code) continue;
            if (DateTimeOffset.TryParse(row["CNG_DATE"], System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var changed) && (newest is null || changed > newest))
                newest = changed;
            var fingerprint = ArticleFingerprints.Of(row);
            var same = seen.ByCode.GetValueOrDefault(code) == fingerprint;
            seen.ByCode[code] = fingerprint;
            if (changedSince is not null && same) continue;
            families.Add(settings.Variants.Of(code).Family);
        }
        var keys = families.Order(StringComparer.Ordinal).Select(f => WorkKey.ForArticleFamily(connection.Id, f))
            .ToList();
        // The whole catalogue is coming: the shop's products are read in pages instead of one look-up each.
        if (changedSince is null) await snapshots.TakeAsync(connection.Id, connection.ShopAccess(), ct);
        await QueueAsync(connection.Id, Flow.Products, ShopEntity.Article, keys, trigger, ct);
        session.Store(seen);
        await session.SaveChangesAsync(ct);
        return (keys.Select(k => k.ToString()).ToList(), newest);
    }

    /// <summary>Every shop product (the shop is the master), read in pages and kept, so each item needs no read of its own.</summary>
    public async Task<IReadOnlyList<string>> QueueShopProductsAsync(ConnectionDocument connection, string trigger, CancellationToken ct)
    {
        var keys = new List<WorkKey>();
        foreach (var product in await snapshots.TakeAsync(connection.Id, connection.ShopAccess(), ct))
            keys.Add(WorkKey.ForShopEntity(connection.Id, ShopEntity.Product,
                product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await QueueAsync(connection.Id, Flow.Products, ShopEntity.Product, keys, trigger, ct);
        return keys.Select(k => k.ToString()).ToList();
    }

    /// <summary>The shop's customers; with <paramref name="onlyChanged"/> those whose details differ from when they were last queued.</summary>
    public async Task<IReadOnlyList<string>> QueueCustomersAsync(ConnectionDocument connection, bool onlyChanged, string trigger, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var state = await session.LoadAsync<CatalogueState>(connection.Id, ct) ?? new CatalogueState { Id = connection.Id };
        var keys = new List<WorkKey>();
        await foreach (var user in ccv.ListUsersAsync(connection.ShopAccess(), ct))
        {
            var id = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(user))));
            if (onlyChanged && state.CustomerFingerprints.GetValueOrDefault(id) == fingerprint) continue;
            state.CustomerFingerprints[id] = fingerprint;
            keys.Add(WorkKey.ForShopEntity(connection.Id, ShopEntity.Customer, id));
        }
        await QueueAsync(connection.Id, Flow.Customers, ShopEntity.Customer, keys, trigger, ct);
        state.LastCustomerScanAt = clock.GetUtcNow();
        session.Store(state);
        await session.SaveChangesAsync(ct);
        return keys.Select(k => k.ToString()).ToList();
    }

    /// <summary>One shop customer, on demand.</summary>
    public async Task<IReadOnlyList<string>> QueueCustomerAsync(string connectionId, long userId, CancellationToken ct)
    {
        var key = WorkKey.ForShopEntity(connectionId, ShopEntity.Customer,
            userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await QueueAsync(connectionId, Flow.Customers, ShopEntity.Customer, [key], "on demand", ct);
        return [key.ToString()];
    }

    private async Task QueueAsync(string connectionId, Flow flow, ShopEntity entity, IReadOnlyList<WorkKey> keys,
        string trigger, CancellationToken ct)
    {
        foreach (var chunk in keys.Chunk(Batch))
        {
            var now = clock.GetUtcNow();
            await queue.AppendAsync(chunk.Select(k => (k.ToString(), Queued(k, now))).ToList(), ct);
        }

        object Queued(WorkKey key, DateTimeOffset now) =>
            new CatalogueWorkQueued(key.ToString(), connectionId, flow, entity, key.EntityId, trigger, now);
    }
}
