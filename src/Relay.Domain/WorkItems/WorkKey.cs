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

    /// <summary>One AccountView article family (a shop product), from AccountView to the shop.</summary>
    public static string ForArticleFamily(string connectionId, string family) => $"av:{connectionId}:article:{family}";

    /// <summary>The connection a key belongs to (connection ids hold no colon).</summary>
    public static string ConnectionOf(string key) => key.Split(':')[1];

    /// <summary>What a key is about: order, product, category, customer, article or stock.</summary>
    public static string KindOf(string key) => key.Split(':')[2];
}
