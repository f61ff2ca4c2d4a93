using System.Globalization;
using Marten;
using Relay.Api.Clients.AccountView;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Api.Features.OrderStatus;
using Relay.Api.Features.Stock;
using Relay.Api.Features.WorkItems;
using Relay.Api.Infrastructure.Processing;
using Relay.Domain.OrdersFromAccountView;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.OrdersFromAccountView;

/// <summary>
/// One sales order entered in AccountView, created in the shop once: read it and its debtor, find each article code
/// in the shop (<see cref="ShopSkuIndex"/>), decide (<see cref="SalesOrderRules"/>), and only then POST /orders. The
/// intent is stored first; an attempt that finds it without the shop's answer looks the order up in the shop before
/// it creates anything.
/// </summary>
public sealed class SalesOrderProcessor(IDocumentStore store, WorkQueue queue, AccountViewClient accountView,
    CcvShopClient ccv, ShopSkuIndex skus, TimeProvider clock) : CatalogueProcessorBase(store, queue, clock)
{
    protected override Flow FlowOf(WorkItem item) => Flow.OrdersFromAccountView;

    protected override async Task<ICatalogueOutcome> RunAsync(WorkItem item, ConnectionDocument connection,
        CancellationToken ct)
    {
        var settings = connection.OrdersFromAccountView ?? new AccountViewOrderSettings();
        var number = item.EntityId;
        if (connection.AccountViewAccess() is not { } av)
            return Failed(item, "The connection has no AccountView credentials.", null, permanent: true);
        var schema = accountView.Schema;
        ShopOrderFromAccountViewDocument? intent;
        RelayOrderDocument? ours = null;
        var read = await accountView.ReadSalesOrderAsync(av, schema.SalesOrderNumberField, number, ct);
        if (read is null) return Failed(item, $"AccountView has no sales order {number}.", null, permanent: true);
        var reference = read.Header[schema.SalesOrderReferenceField]?.Trim();
        await using (var query = Store.QuerySession())
        {
            intent = await query.LoadAsync<ShopOrderFromAccountViewDocument>(
                ShopOrderFromAccountViewDocument.IdOf(connection.Id, number), ct);
            if (reference is { Length: > 0 })
                ours = await query.LoadAsync<RelayOrderDocument>(RelayOrderDocument.IdOf(connection.Id, reference), ct);
        }
        if (ours is not null)
            return Skipped(item, $"Relay made sales order {number} from webshop order {ours.OrderNumber}: it is not "
                + "sent back to the shop.");
        if (intent is not null && await FoundInShopAsync(connection, intent, ct) is { } found) return found(item);

        var order = await SalesOrderOf(av, read, settings, ct);
        // The order flow's shipping article is not looked up in the shop: its lines are the shipping cost.
        var shippingArticle = (connection.Orders ?? new Relay.Domain.Orders.OrderFlowSettings()).ShippingArticle;
        var articles = new Dictionary<string, ShopArticle>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in order.Lines.Select(l => l.ArticleCode).Distinct(StringComparer.OrdinalIgnoreCase)
                     .Where(c => !string.Equals(c, shippingArticle, StringComparison.OrdinalIgnoreCase)))
            if (await skus.FindAsync(connection, code, ct) is { } target)
                articles[code] = new ShopArticle(target.ProductId, target.CombinationId);
        switch (SalesOrderRules.Plan(order, articles, settings, shippingArticle))
        {
            case SalesOrderPlan.Skip skip:
                return Skipped(item, skip.Reason);
            case SalesOrderPlan.Refuse refuse:
                return Failed(item, refuse.Reason, null, permanent: true);
            case SalesOrderPlan.Create create:
                intent ??= new ShopOrderFromAccountViewDocument
                {
                    Id = ShopOrderFromAccountViewDocument.IdOf(connection.Id, number), ConnectionId = connection.Id,
                    AccountViewNumber = number, Reference = create.Draft.Reference, StartedAt = Clock.GetUtcNow(),
                };
                await SaveAsync(intent, ct);
                var created = await ccv.CreateOrderAsync(connection.ShopAccess(), ShopOrderBody.From(create.Draft), ct);
                return await RecordAsync(item, intent, created, "created", create.Decisions, ct);
            default:
                throw new InvalidOperationException("Unknown plan.");
        }
    }

    /// <summary>An earlier attempt's order, when the shop has it: its answer was lost, or its outcome not recorded.
    /// </summary>
    private async Task<Func<WorkItem, ICatalogueOutcome>?> FoundInShopAsync(ConnectionDocument connection,
        ShopOrderFromAccountViewDocument intent, CancellationToken ct)
    {
        // Known from its answer: read it (one call). Else the orders since the attempt, for the reference.
        var found = intent.ShopOrderId is { } id
            ? await ccv.GetOrderAsync(connection.ShopAccess(), id, ct) is { } known
                && known.Reservationnumber == intent.Reference ? known : null
            : await ccv.FindOrderByReservationAsync(connection.ShopAccess(), intent.Reference,
                intent.StartedAt.AddDays(-1), ct);
        if (found is null) return null;
        var outcome = await RecordAsync(null, intent, found, "found in the shop after an earlier attempt",
            [$"The shop has order {found.Id} with reference {intent.Reference} already: nothing is created again."],
            ct);
        return item => outcome with { Key = item.Id };
    }

    private async Task<CatalogueSynced> RecordAsync(WorkItem? item, ShopOrderFromAccountViewDocument intent,
        CcvOrder created, string how, IReadOnlyList<string> decisions, CancellationToken ct)
    {
        intent.ShopOrderId = created.Id;
        intent.ShopOrderNumber = created.OrdernumberFull ?? created.Id.ToString(CultureInfo.InvariantCulture);
        await SaveAsync(intent, ct);
        return new CatalogueSynced(item?.Id ?? "", $"shop order {intent.ShopOrderNumber}",
            [$"order {created.Id} ({how}) with reference {intent.Reference}"], decisions, Clock.GetUtcNow());
    }

    private async Task SaveAsync(ShopOrderFromAccountViewDocument intent, CancellationToken ct)
    {
        await using var session = Store.LightweightSession();
        session.Store(intent);
        await session.SaveChangesAsync(ct);
    }

    private async Task<AccountViewSalesOrder> SalesOrderOf(AccountViewAccess av, AvSalesOrder read,
        AccountViewOrderSettings settings, CancellationToken ct)
    {
        var h = read.Header;
        var debtor = h["RPL_INV"] is { Length: > 0 } sub ? await accountView.FindDebtorAsync(av, sub, ct) : null;
        return new AccountViewSalesOrder(
            h[accountView.Schema.SalesOrderNumberField] ?? "",
            null,
            settings.FilterField.Length == 0 ? null : h[settings.FilterField],
            h[accountView.Schema.SalesOrderReferenceField],
            [.. read.Lines.Select(l => new AccountViewOrderLine(l["ART_CODE"]?.Trim() ?? "", Number(l["ORD_QTY"]),
                Number(l["ART_PX"])))],
            debtor is null ? null : new AccountViewDebtor(debtor["SUB_NR"] ?? "", Blank(debtor["MAIL_BUS"]),
                debtor["ACCT_NAME"] ?? "", Blank(debtor["MAIN_CONT"]), Blank(debtor["ADDRESS1"]),
                Blank(debtor["POST_CODE"]), Blank(debtor["CITY"]), Blank(debtor["CNT_CODE"]),
                    Blank(debtor["TEL_BUS"])));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
