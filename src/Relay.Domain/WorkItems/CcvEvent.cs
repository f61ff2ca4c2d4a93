namespace Relay.Domain.WorkItems;

/// <summary>What a unit of work is about: a CCV Shop resource, or (Article, SalesOrder) an AccountView one.</summary>
public enum ShopEntity
{
    Order,
    Product,
    Category,
    Customer,
    Article,

    /// <summary>An AccountView sales order (the orders-from-AccountView flow).</summary>
    SalesOrder,
}

/// <summary>
/// A CCV Shop webhook event name and what it means to Relay. The names are those seen in working
/// integrations (ccvshop-api.md §3.2); CCV publishes no complete list, and there are no customer events.
/// </summary>
public sealed record CcvEvent(string Name, Flow Flow, ShopEntity Entity)
{
    private static readonly CcvEvent[] Known =
    [
        new("orders.created", Flow.Orders, ShopEntity.Order),
        new("orders.updated.status", Flow.Orders, ShopEntity.Order),
        new("orders.updated.ispaid", Flow.Orders, ShopEntity.Order),
        new("orders.updated.trackandtrace", Flow.Orders, ShopEntity.Order),
        new("orders.deleted", Flow.Orders, ShopEntity.Order),
        new("products.created", Flow.Products, ShopEntity.Product),
        new("products.updated", Flow.Products, ShopEntity.Product),
        new("products.deleted", Flow.Products, ShopEntity.Product),
        new("categories.created", Flow.Products, ShopEntity.Category),
        new("categories.updated", Flow.Products, ShopEntity.Category),
        new("categories.deleted", Flow.Products, ShopEntity.Category),
    ];

    public static IReadOnlyList<string> Names { get; } = Known.Select(e => e.Name).ToArray();

    public static CcvEvent? Find(string name) =>
        Known.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
