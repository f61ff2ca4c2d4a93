namespace Relay.Domain.WorkItems;

/// <summary>The kinds of work Relay does for a connection.</summary>
public enum Flow
{
    Orders,
    Stock,
    Products,
    Customers,
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
