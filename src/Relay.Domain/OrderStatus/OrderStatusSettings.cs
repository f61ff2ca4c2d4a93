using System.Text.Json.Serialization;

namespace Relay.Domain.OrderStatus;

/// <summary>
/// One connection's order-status flow: the sales orders Relay created in AccountView are followed by their change
/// date (accountview-api.md §4.2), and when one is delivered, partly delivered, invoiced or cancelled there, the
/// shop order gets the mapped status, the track &amp; trace code and the invoice number (ccvshop-api.md §5.3, §5.4).
/// </summary>
public sealed record OrderStatusSettings
{
    // Required in a body: leaving it out must not switch the flow off (or on) unnoticed.
    [JsonRequired]
    public bool Enabled { get; init; }

    /// <summary>Seconds between polls of AccountView's changed sales orders. At least 15.</summary>
    public int PollSeconds { get; init; } = 60;

    /// <summary>Each poll reads back this far before the newest change date seen (AccountView's dates are whole
    /// seconds, and S3's watermark overlaps a day, §4.2): a change is never missed, and read twice changes
    /// nothing.</summary>
    public int OverlapSeconds { get; init; } = 300;

    public OrderStatusMapping Statuses { get; init; } = new();

    /// <summary>CCV Shop mails the customer about the status change (`mail: true`, §5.3), with the track &amp; trace
    /// code when there is one.</summary>
    public bool MailCustomer { get; init; }

    /// <summary>With <see cref="MailCustomer"/>: text the shop appends to that e-mail (`note`, §5.3); {trackAndTrace},
    /// {carrier} and {invoiceNumber} are filled in. "" adds none.</summary>
    public string MailNote { get; init; } = "";

    /// <summary>An invoiced order gets an internal order note with AccountView's invoice number (§5.4).</summary>
    public bool InvoiceNote { get; init; } = true;

    /// <summary>An order AccountView shows as paid is marked paid in the shop (`paid: true`, §5.3).</summary>
    public bool MarkPaid { get; init; }

    public SalesOrderStateFields Fields { get; init; } = new();
}

/// <summary>
/// The CCV Shop status (ccvshop-api.md §4.2: 1–14) each AccountView state leads to; null leaves the shop's
/// status as it is. A state that comes later wins: cancelled, then invoiced, delivered, partly delivered.
/// </summary>
public sealed record OrderStatusMapping
{
    public int? PartlyDelivered { get; init; }

    /// <summary>5, "Sent" (S6 treats 5, 6 and 7 as shipped, §4.2).</summary>
    public int? Delivered { get; init; } = 5;

    /// <summary>Unchanged by default; 7 ("Completed") when the merchant wants invoicing to close the order.</summary>
    public int? Invoiced { get; init; }

    public int? Cancelled { get; init; } = 8;
}

/// <summary>
/// Where a sales order's state is in AccountView. accountview-api.md §3.7 marks reading orders back and their status
/// fields unknown, so every name is a setting; the defaults are the simulator's names, checked against the
/// administration's dictionary when saved. A field set to "" is not read.
/// </summary>
public sealed record SalesOrderStateFields
{
    /// <summary>On SO_LINE: the quantity delivered of the line's ORD_QTY.</summary>
    public string DeliveredQuantity { get; init; } = "DEL_QTY";

    /// <summary>On SO_HDR: the invoice number, once the order is invoiced.</summary>
    public string InvoiceNumber { get; init; } = "INV_NR";

    /// <summary>On SO_HDR: a logical field, true when the order is cancelled.</summary>
    public string Cancelled { get; init; } = "ORD_CANC";

    /// <summary>On SO_HDR: the track &amp; trace code.</summary>
    public string TrackAndTrace { get; init; } = "TT_CODE";

    /// <summary>On SO_HDR: the carrier of the track &amp; trace code (CCV takes free text, §5.3).</summary>
    public string Carrier { get; init; } = "TT_CARRIER";

    /// <summary>On SO_HDR: a logical field, true when the invoice is paid.</summary>
    public string Paid { get; init; } = "PAID_FLG";
}
