using System.Diagnostics.CodeAnalysis;

namespace Relay.Domain.WorkItems;

/// <summary>
/// Deterministic keys: one stream per business entity per connection, so a duplicate delivery finds
/// the stream it belongs to and an entity's stream is its whole history. Written as
/// <c>{ccv|av}:{connectionId}:{kind}:{entityId}</c> (<see cref="ToString"/>): that text is the stream id and
/// what the API shows, so it never changes. Connection ids hold no colon; an entity id (a SKU) may.
/// </summary>
public readonly record struct WorkKey
{
    private static readonly Dictionary<string, WorkKind> Kinds =
        Enum.GetValues<WorkKind>().ToDictionary(NameOf, StringComparer.Ordinal);

    private WorkKey(string connectionId, WorkKind kind, string entityId)
    {
        if (connectionId.Length == 0 || connectionId.Contains(':', StringComparison.Ordinal))
            throw new ArgumentException($"'{connectionId}' is not a connection id.", nameof(connectionId));
        ArgumentNullException.ThrowIfNull(entityId);
        (ConnectionId, Kind, EntityId) = (connectionId, kind, entityId);
    }

    public string ConnectionId { get; }

    public WorkKind Kind { get; }

    /// <summary>The entity's own id in its system: an order or product id, an article family, a SKU. Never null;
    /// empty only where a custom variant pattern finds an empty family, as such keys have always been.</summary>
    public string EntityId { get; }

    /// <summary>Article families, stock, order statuses and sales orders come from AccountView; everything else from
    /// CCV Shop.</summary>
    public WorkSource Source => SourceOf(Kind);

    public static WorkKey ForShopEntity(string connectionId, ShopEntity entity, string entityId) => new(
        connectionId,
        entity switch
        {
            ShopEntity.Order => WorkKind.Order,
            ShopEntity.Product => WorkKind.Product,
            ShopEntity.Category => WorkKind.Category,
            ShopEntity.Customer => WorkKind.Customer,
            _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Not a CCV Shop entity."),
        },
        entityId);

    /// <summary>One SKU's stock, from AccountView to the shop.</summary>
    public static WorkKey ForStock(string connectionId, string sku) => new(connectionId, WorkKind.Stock, sku);

    /// <summary>One AccountView article family (a shop product), from AccountView to the shop.</summary>
    public static WorkKey ForArticleFamily(string connectionId, string family) =>
        new(connectionId, WorkKind.Article, family);

    /// <summary>AccountView's state of the sales order Relay made of one shop order, to that order.</summary>
    public static WorkKey ForOrderStatus(string connectionId, string shopOrderId) =>
        new(connectionId, WorkKind.OrderStatus, shopOrderId);

    /// <summary>A sales order entered in AccountView, by its number, to the shop.</summary>
    public static WorkKey ForSalesOrder(string connectionId, string accountViewNumber) =>
        new(connectionId, WorkKind.SalesOrder, accountViewNumber);

    /// <exception cref="FormatException">The text is not a work key.</exception>
    public static WorkKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"'{text}' is not a work key.");

    /// <summary>Refuses fewer than four parts, an unknown source or kind (kinds are lower case), a kind from the
    /// other source, and an empty connection id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkKey key)
    {
        key = default;
        // Four parts at most: whatever follows the third colon is the entity id, colons and all.
        if (text?.Split(':', 4) is not [var source, var connectionId, var kind, var entityId]
            || connectionId.Length == 0
            || !Kinds.TryGetValue(kind, out var parsed) || PrefixOf(SourceOf(parsed)) != source) return false;
        key = new WorkKey(connectionId, parsed, entityId);
        return true;
    }

    public override string ToString() => $"{PrefixOf(Source)}:{ConnectionId}:{NameOf(Kind)}:{EntityId}";

    private static WorkSource SourceOf(WorkKind kind) =>
        kind is WorkKind.Article or WorkKind.Stock or WorkKind.OrderStatus or WorkKind.SalesOrder
            ? WorkSource.AccountView : WorkSource.CcvShop;

    private static string PrefixOf(WorkSource source) => source == WorkSource.AccountView ? "av" : "ccv";

    private static string NameOf(WorkKind kind) => kind.ToString().ToLowerInvariant();
}
