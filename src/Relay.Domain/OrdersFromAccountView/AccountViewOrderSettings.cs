using System.Text.Json.Serialization;

namespace Relay.Domain.OrdersFromAccountView;

/// <summary>
/// One connection's orders-from-AccountView flow: sales orders entered in AccountView (by phone, for a B2B customer),
/// not made by Relay and matching the filter, are created in the shop (ccvshop-api.md §4.1 POST /orders), so its
/// stock, customer history and e-mails stay complete. Only orders entered after the flow is switched on are sent.
/// </summary>
public sealed record AccountViewOrderSettings
{
    // Required in a body: leaving it out must not switch the flow off (or on) unnoticed.
    [JsonRequired]
    public bool Enabled { get; init; }

    /// <summary>Seconds between polls of AccountView's changed sales orders (shared with the order-status flow: the
    /// shorter interval of the two that are on). At least 15.</summary>
    public int PollSeconds { get; init; } = 60;

    /// <summary>An SO_HDR field that selects the orders to send (an order type, a sales rep, a price list); "" sends
    /// every order Relay did not make.</summary>
    public string FilterField { get; init; } = "";

    /// <summary>The values of <see cref="FilterField"/> that are sent (case-insensitive).</summary>
    public IReadOnlyList<string> FilterValues { get; init; } = [];

    /// <summary>
    /// The shop order's `reservationnumber` (§4.1, free text on GET, POST and PATCH) holds this prefix and the
    /// AccountView order number: how Relay knows the order again, in the shop and when its webhook arrives.
    /// </summary>
    public string ReferencePrefix { get; init; } = "AV-";

    /// <summary>The new shop order's status (§4.2); 1, "New", by default.</summary>
    public int Status { get; init; } = 1;
}
