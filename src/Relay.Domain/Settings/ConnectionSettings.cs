using Relay.Domain.Customers;
using Relay.Domain.Mapping;
using Relay.Domain.Orders;
using Relay.Domain.Products;
using Relay.Domain.Stock;

namespace Relay.Domain.Settings;

/// <summary>Everything a merchant configures for one connection's flows, as one versioned whole.</summary>
/// <param name="Retention">How long personal data and work are kept; null (documents from before it existed, or a
/// body without it) means the defaults: 30 and 180 days.</param>
public sealed record ConnectionSettings(OrderFlowSettings Orders, StockFlowSettings? Stock,
    IReadOnlyList<FieldMapping> Mappings, PersonalData.RetentionSettings? Retention = null)
{
    /// <summary>Products and categories; null (documents from before the flow existed) means the defaults: off.</summary>
    public ProductFlowSettings? Products { get; init; }

    public CustomerFlowSettings? Customers { get; init; }

    /// <summary>AccountView's order states to the shop; null means the defaults: off.</summary>
    public OrderStatus.OrderStatusSettings? OrderStatus { get; init; }

    /// <summary>Orders entered in AccountView to the shop; null means the defaults: off.</summary>
    public OrdersFromAccountView.AccountViewOrderSettings? OrdersFromAccountView { get; init; }
}

/// <summary>
/// One change of a connection's settings, with who made it and the whole before and after: the history
/// is this stream, and restoring a version is a new change back to its "after".
/// </summary>
public sealed record SettingsChanged(string ConnectionId, string Part, string ChangedBy, DateTimeOffset ChangedAt,
    ConnectionSettings Before, ConnectionSettings After, int? RestoredVersion = null)
{
    public static string StreamOf(string connectionId) => $"settings:{connectionId}";
}
