using Marten;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Features.WorkItems;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Products;

/// <summary>
/// The products flow's work items: AccountView article families (to the shop), shop products and
/// categories (to AccountView). Work that arrives for the direction the connection does not run (a
/// product webhook while AccountView is the master) is skipped with that reason.
/// </summary>
public sealed class CatalogueProcessor(IDocumentStore store, ShopProductSync toShop, ArticleSync toAccountView, ArticleGroups groups,
    CcvShopClient ccv, WorkQueue queue, TimeProvider clock, ILogger<CatalogueProcessor> logger,
    AdministrationDictionary dictionary)
        : CatalogueProcessorBase(store, queue, clock)
{
    protected override Flow FlowOf(WorkItem item) => Flow.Products;

    protected override async Task<ICatalogueOutcome> RunAsync(WorkItem item, ConnectionDocument connection,
        CancellationToken ct)
    {
        var settings = connection.Products ?? new ProductFlowSettings();
        var result = (item.Entity, settings.Master) switch
        {
            (ShopEntity.Article, ProductMaster.AccountView) => await toShop.RunAsync(item.Id, item.EntityId, connection, settings, ct),
            (ShopEntity.Product, ProductMaster.Shop) when long.TryParse(item.EntityId, out var id) => await toAccountView.RunAsync(id, item.LastDeliveryAt, connection, settings, ct),
            (ShopEntity.Category, ProductMaster.Shop) when long.TryParse(item.EntityId, out var id) => await CategoryAsync(id, connection, ct),
            (ShopEntity.Article, _) => new SyncResult.Skip("The shop is the product master for this connection: AccountView's articles are not written to the shop."),
            _ => new SyncResult.Skip("AccountView is the product master for this connection: shop products and categories are not written to AccountView."),
        };
        if (result is SyncResult.Refused) CatalogueLog.Refused(logger, item.Id); // waits for a person
        else CatalogueLog.Outcome(logger, item.Id, result.GetType().Name);
        return result switch
        {
            SyncResult.Done d => new CatalogueSynced(item.Id, d.Target, d.Written, d.Decisions, Clock.GetUtcNow(), d.ImageSha256),
            SyncResult.Skip s => Skipped(item, s.Reason),
            SyncResult.Refused r => Failed(item, r.Reason, null, permanent: true),
            _ => throw new InvalidOperationException("Unknown sync result."),
        };
    }

    /// <summary>A shop category becomes an article group (found by description, else created).</summary>
    private async Task<SyncResult> CategoryAsync(long id, ConnectionDocument connection, CancellationToken ct)
    {
        if (await dictionary.AccessAsync(connection, ct) is not { } av)
            return new SyncResult.Refused("The connection has no AccountView credentials.");
        CcvCategory category;
        try
        {
            category = await ccv.GetCategoryAsync(connection.ShopAccess(), id, ct);
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            return new SyncResult.Skip($"The shop has no category {id} (any more); its article group is left in AccountView.");
        }
        if (string.IsNullOrWhiteSpace(category.Name)) return new SyncResult.Skip($"Category {id} has no name to make an article group of.");
        var (code, why) = await groups.CodeForAsync(av, category.Name, ct);
        return new SyncResult.Done($"article group {code}", [], [why]);
    }
}

internal static partial class CatalogueLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Catalogue work {Key}: {Outcome}")]
    public static partial void Outcome(ILogger logger, string key, string outcome);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Catalogue work {Key} failed and waits for a person (fix, then replay); the reason is on its "
            + "audit trail")]
    public static partial void Refused(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} catalogue work items for {ConnectionId} ({Trigger})")]
    public static partial void Queued(ILogger logger, string connectionId, int count, string trigger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalogue scan of {ConnectionId} failed; tried again at its next interval")]
    public static partial void ScanFailed(ILogger logger, string connectionId, Exception exception);
}
