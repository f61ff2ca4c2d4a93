namespace Relay.Domain.OrderStatus;

/// <summary>
/// The shop's webhooks that Relay's own writes to an order cause (ccvshop-api.md §5.3: status, track &amp; trace,
/// paid), named so a delivery can be matched to the write: a status change by the status it reports.
/// </summary>
public static class OwnChanges
{
    public const string TrackAndTrace = "orders.updated.trackandtrace";
    public const string Paid = "orders.updated.ispaid";

    /// <summary>How long after a write its webhook is expected; a later delivery is the merchant's.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static string Status(int status) => $"orders.updated.status|{status}";

    /// <summary>What a delivery would match: its event, and for a status change the status it reports.</summary>
    public static string Of(string eventName, int? status) =>
        string.Equals(eventName, "orders.updated.status", StringComparison.OrdinalIgnoreCase) && status is { } s
            ? Status(s)
            : eventName.ToLowerInvariant();
}
