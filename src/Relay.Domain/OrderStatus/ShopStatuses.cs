namespace Relay.Domain.OrderStatus;

/// <summary>CCV Shop's order statuses (ccvshop-api.md §4.2), by code.</summary>
public static class ShopStatuses
{
    private static readonly string[] Names =
    [
        "New", "In process", "Wait for manufacturer", "Wait for payment", "Sent", "Delivered", "Completed",
        "Cancelled", "Wait for supplier", "Is being packaged", "Ready to be collected", "Is being assembled",
        "Backorder", "Reserved",
    ];

    public const int Completed = 7;
    public const int Cancelled = 8;

    public static bool IsKnown(int code) => code is >= 1 and <= 14;

    public static string Name(int? code) =>
        code is { } c && IsKnown(c) ? $"{c} ({Names[c - 1]})" : code?.ToString() ?? "none";
}
