using Marten;
using Relay.Api.Clients;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Features.Connections;
using Relay.Domain.Stock;

namespace Relay.Api.Features.Stock;

/// <summary>
/// One SKU's figure written to the shop's product or variant (or found there already, or not writable), its
/// outcome appended to the SKU's stream. A failed write leaves the figure pending.
/// </summary>
public sealed class ShopStockWrite(IDocumentStore store, CcvShopClient ccv, ShopSkuIndex shop, TimeProvider clock)
{
    /// <summary>Writes the item's wanted figure; false when the shop is failing (the write is recorded
    /// failed).</summary>
    public async Task<bool> WriteAsync(ConnectionDocument connection, StockItem item, CancellationToken ct)
    {
        var (key, sku, wanted) = (item.Id, item.Sku, item.Wanted);
        var manage = connection.Stock?.ManageStock ?? false;
        IStockOutcome outcome;
        var answered = true;
        try
        {
            var target = await shop.FindAsync(connection, sku, ct);
            if (target is null)
                outcome = new StockSkipped(key, wanted,
                    $"The shop has no product number or variant SKU '{sku}'.", clock.GetUtcNow());
            else if (target is { CombinationId: null, StockPerVariant: true })
                outcome = new StockSkipped(key, wanted,
                    $"The shop keeps the stock of {target} per variant; the variants' own SKUs carry it.",
                    clock.GetUtcNow());
            else if (target.Stock == wanted && (!manage || target.StockEnabled))
                outcome = new StockWritten(key, wanted, target.ToString(), Written: false, clock.GetUtcNow());
            else
            {
                if (target.CombinationId is { } combination)
                    await ccv.SetVariantStockAsync(connection.ShopAccess(), combination, wanted, ct);
                else
                    await ccv.SetProductStockAsync(connection.ShopAccess(), target.ProductId, wanted,
                        manage && !target.StockEnabled ? true : null, ct);
                shop.Remember(connection.Id, sku,
                    target with { Stock = wanted, StockEnabled = target.StockEnabled || manage });
                outcome = new StockWritten(key, wanted, target.ToString(), Written: true, clock.GetUtcNow());
            }
        }
        catch (CcvShopException e) when (e.Status == 404)
        {
            shop.Forget(connection.Id); // the product went; the next look-up rebuilds the index
            outcome = new StockWriteFailed(key, wanted,
                "The product or variant is no longer in the shop; tried again at the next poll.", clock.GetUtcNow());
        }
        catch (Exception e) when (OutboundFailure.Is(e, ct))
        {
            answered = false;
            outcome = new StockWriteFailed(key, wanted, $"Temporary failure: {e.Message} Tried again at the next poll.",
                clock.GetUtcNow());
        }
        await using var session = store.LightweightSession();
        session.Events.Append(key, outcome);
        await session.SaveChangesAsync(ct);
        return answered;
    }
}
