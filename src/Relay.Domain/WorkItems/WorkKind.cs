namespace Relay.Domain.WorkItems;

/// <summary>The system a unit of work starts from: the first part of its key ("ccv" or "av").</summary>
public enum WorkSource
{
    CcvShop,
    AccountView,
}

/// <summary>What a unit of work is about: the third part of its key, in lower case.</summary>
public enum WorkKind
{
    Order,
    Product,
    Category,
    Customer,

    /// <summary>An AccountView article family (a shop product).</summary>
    Article,

    /// <summary>One SKU's stock figure.</summary>
    Stock,

    /// <summary>AccountView's state of the sales order Relay made of one shop order, written to that order; the
    /// entity id is the shop order's id.</summary>
    OrderStatus,

    /// <summary>A sales order entered in AccountView, created in the shop; the entity id is its AccountView
    /// number.</summary>
    SalesOrder,
}
