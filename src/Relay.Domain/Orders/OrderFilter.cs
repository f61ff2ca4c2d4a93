namespace Relay.Domain.Orders;

/// <summary>Rule 1: only orders whose status and paid flag match the connection's setting are sent.</summary>
public static class OrderFilter
{
    /// <returns>null when the order is to be sent, else why not.</returns>
    public static string? ReasonToSkip(ShopOrder order, OrderFlowSettings settings)
    {
        if (settings.OnlyPaid && !order.Paid)
            return $"Order {order.OrderNumber} is not paid yet; the connection sends only paid orders.";
        if (settings.Statuses.Count > 0 && (order.Status is not { } status || !settings.Statuses.Contains(status)))
            return $"Order {order.OrderNumber} has status {order.Status?.ToString() ?? "none"}; the connection sends statuses {string.Join(", ", settings.Statuses)}.";
        return null;
    }
}
