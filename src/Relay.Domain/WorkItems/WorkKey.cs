namespace Relay.Domain.WorkItems;

/// <summary>
/// Deterministic keys: one stream per business entity per connection, so a duplicate delivery finds
/// the stream it belongs to and an entity's stream is its whole history.
/// </summary>
public static class WorkKey
{
    public static string ForShopEntity(string connectionId, ShopEntity entity, string entityId) =>
        $"ccv:{connectionId}:{entity.ToString().ToLowerInvariant()}:{entityId}";

    /// <summary>One SKU's stock, from AccountView to the shop.</summary>
    public static string ForStock(string connectionId, string sku) => $"av:{connectionId}:stock:{sku}";

    /// <summary>The connection a key belongs to (connection ids hold no colon).</summary>
    public static string ConnectionOf(string key) => key.Split(':')[1];
}
