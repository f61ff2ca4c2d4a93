namespace Relay.Domain.WorkItems;

/// <summary>The kinds of work Relay does for a connection.</summary>
public enum Flow
{
    Orders,
    Stock,
    Products,
    Customers,

    /// <summary>AccountView's state of the sales orders Relay sent (delivered, invoiced, …) to the shop
    /// order.</summary>
    OrderStatus,

    /// <summary>Sales orders entered in AccountView (phone, B2B) created in the shop.</summary>
    OrdersFromAccountView,
}

public static class FlowNames
{
    /// <summary>A flow as the API, the metrics and the alerts name it: orders, stock, …, orderStatus.</summary>
    public static string Of(Flow flow)
    {
        var name = flow.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}

/// <summary>Where a unit of work stands. Every item ends succeeded, skipped or failed.</summary>
public enum WorkStatus
{
    Received,
    Processing,
    Succeeded,
    Skipped,
    Failed,
}
