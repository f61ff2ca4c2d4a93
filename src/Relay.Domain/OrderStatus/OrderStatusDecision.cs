namespace Relay.Domain.OrderStatus;

/// <summary>The shop order as it is now: what a write would change.</summary>
public sealed record ShopOrderNow(int? Status, string? TrackAndTrace, string? Carrier, bool Paid,
    IReadOnlyList<string> Notes);

/// <summary>What to write to the shop order; null members are left as they are.</summary>
/// <param name="MailNote">Appended to the customer's e-mail about the status (`note`, §5.3).</param>
public sealed record ShopOrderUpdate(int? Status = null, bool Mail = false, string? TrackAndTrace = null,
    string? Carrier = null, bool? Paid = null, string? InvoiceNote = null, string? MailNote = null)
{
    public bool IsEmpty => Status is null && TrackAndTrace is null && Carrier is null && Paid is null
        && InvoiceNote is null;

    /// <summary>Whether the PATCH /orders/{id} has anything to carry (the note goes to ordernotes, §5.4).</summary>
    public bool PatchesOrder => Status is not null || TrackAndTrace is not null || Carrier is not null
        || Paid is not null;

    /// <summary>The webhooks the shop fires for this write (ccvshop-api.md §5.3), so they are known as Relay's own.
    /// </summary>
    public IReadOnlyList<string> Echoes =>
    [
        .. Status is { } s ? [OwnChanges.Status(s)] : Array.Empty<string>(),
        .. TrackAndTrace is not null ? [OwnChanges.TrackAndTrace] : Array.Empty<string>(),
        .. Paid is true ? [OwnChanges.Paid] : Array.Empty<string>(),
    ];
}

/// <summary>
/// Rule of the order-status flow: from AccountView's state of a sales order and the shop order as it is, what to
/// write. Only what differs is written; a completed or cancelled shop order keeps its status.
/// </summary>
public static class OrderStatusDecision
{
    public static (ShopOrderUpdate Update, IReadOnlyList<string> Decisions) Decide(SalesOrderState av,
        ShopOrderNow shop, OrderStatusSettings settings)
    {
        var decisions = new List<string>();
        var status = Status(av, shop, settings.Statuses, decisions);
        string? code = null, carrier = null;
        if (av.TrackAndTrace is { } tt && !Same(tt, shop.TrackAndTrace))
        {
            code = tt;
            carrier = av.Carrier is { } c && !Same(c, shop.Carrier) ? c : null;
            decisions.Add($"AccountView has track & trace code {tt}{(av.Carrier is null ? "" : $" ({av.Carrier})")}; "
                + "the shop had " + (string.IsNullOrEmpty(shop.TrackAndTrace) ? "none." : "another."));
        }
        else if (av.TrackAndTrace is not null) decisions.Add("The shop has AccountView's track & trace code already.");
        bool? paid = null;
        if (av.Paid && settings.MarkPaid)
        {
            if (shop.Paid) decisions.Add("AccountView shows the order paid; so does the shop.");
            else
            {
                paid = true;
                decisions.Add("AccountView shows the order paid: marked paid in the shop.");
            }
        }
        string? note = null;
        if (av.InvoiceNumber is { } invoice && settings.InvoiceNote)
        {
            note = InvoiceNote(invoice);
            if (shop.Notes.Any(n => n.Contains(note, StringComparison.OrdinalIgnoreCase)))
            {
                note = null;
                decisions.Add($"The shop order has the note of invoice {invoice} already.");
            }
            else decisions.Add($"AccountView invoiced the order as {invoice}: noted on the shop order.");
        }
        var mail = status is not null && settings.MailCustomer;
        if (mail) decisions.Add("CCV Shop mails the customer about the new status.");
        var mailNote = mail && settings.MailNote.Length > 0 ? settings.MailNote
            .Replace("{trackAndTrace}", av.TrackAndTrace ?? shop.TrackAndTrace ?? "", StringComparison.Ordinal)
            .Replace("{carrier}", av.Carrier ?? shop.Carrier ?? "", StringComparison.Ordinal)
            .Replace("{invoiceNumber}", av.InvoiceNumber ?? "", StringComparison.Ordinal) : null;
        return (new ShopOrderUpdate(status, mail, code, carrier, paid, note, mailNote), decisions);
    }

    public static string InvoiceNote(string invoiceNumber) => $"AccountView invoice {invoiceNumber}";

    private static int? Status(SalesOrderState av, ShopOrderNow shop, OrderStatusMapping map, List<string> decisions)
    {
        // The state that comes last wins; one mapped to "unchanged" lets an earlier one speak.
        (bool Holds, int? To, string What)[] states =
        [
            (av.Cancelled, map.Cancelled, "cancelled"),
            (av.InvoiceNumber is not null, map.Invoiced, $"invoiced ({av.InvoiceNumber})"),
            (av.Delivery == Delivery.Fully, map.Delivered, "delivered"),
            (av.Delivery == Delivery.Partly, map.PartlyDelivered, "partly delivered"),
        ];
        var held = states.Where(s => s.Holds).ToList();
        if (held.Count == 0)
        {
            decisions.Add("AccountView shows the order open: not delivered, invoiced or cancelled.");
            return null;
        }
        var what = string.Join(", ", held.Select(s => s.What));
        if (held.FirstOrDefault(s => s.To is not null) is not { To: { } to })
        {
            decisions.Add($"AccountView shows the order {what}; the settings leave the shop's status as it is.");
            return null;
        }
        if (shop.Status == to)
        {
            decisions.Add($"AccountView shows the order {what}; the shop shows {ShopStatuses.Name(to)} already.");
            return null;
        }
        if (shop.Status is ShopStatuses.Completed or ShopStatuses.Cancelled)
        {
            decisions.Add($"AccountView shows the order {what}, but the shop has it as "
                + $"{ShopStatuses.Name(shop.Status)}: "
                + "Relay does not change a completed or cancelled order.");
            return null;
        }
        decisions.Add($"AccountView shows the order {what}: status {ShopStatuses.Name(shop.Status)} → "
            + $"{ShopStatuses.Name(to)}.");
        return to;
    }

    private static bool Same(string a, string? b) => string.Equals(a.Trim(), b?.Trim(), StringComparison.Ordinal);
}
