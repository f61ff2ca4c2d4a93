using System.Globalization;

namespace Relay.Domain.OrderStatus;

public enum Delivery
{
    None,
    Partly,
    Fully,
}

/// <summary>Where a sales order stands in AccountView, read from the fields the settings name.</summary>
public sealed record SalesOrderState(Delivery Delivery, string? InvoiceNumber, bool Cancelled, string? TrackAndTrace,
    string? Carrier, bool Paid)
{
    /// <param name="header">The SO_HDR row's fields by name.</param>
    /// <param name="lines">Its SO_LINE rows' fields by name (ORD_QTY is what was ordered, §3.7).</param>
    public static SalesOrderState Read(Func<string, string?> header, IReadOnlyList<Func<string, string?>> lines,
        SalesOrderStateFields fields) => new(
        DeliveryOf(lines, fields.DeliveredQuantity),
        Text(header, fields.InvoiceNumber),
        Logical(header, fields.Cancelled),
        Text(header, fields.TrackAndTrace),
        Text(header, fields.Carrier),
        Logical(header, fields.Paid));

    /// <summary>Nothing has happened to the order yet: the state every new sales order starts in.</summary>
    public bool IsOpen => Delivery == Delivery.None && InvoiceNumber is null && !Cancelled && TrackAndTrace is null
        && !Paid;

    /// <summary>A fingerprint of the state, to see whether it moved since the last poll.</summary>
    public string Fingerprint =>
        $"{Delivery}|{InvoiceNumber}|{Cancelled}|{TrackAndTrace}|{Carrier}|{Paid}";

    private static Delivery DeliveryOf(IReadOnlyList<Func<string, string?>> lines, string field)
    {
        if (field.Length == 0 || lines.Count == 0) return Delivery.None;
        var quantities = lines.Select(l => (Ordered: Number(l("ORD_QTY")), Delivered: Number(l(field)))).ToList();
        if (quantities.All(q => q.Delivered <= 0)) return Delivery.None;
        return quantities.All(q => q.Delivered >= q.Ordered) ? Delivery.Fully : Delivery.Partly;
    }

    private static string? Text(Func<string, string?> row, string field) =>
        field.Length == 0 || row(field)?.Trim() is not { Length: > 0 } value ? null : value;

    /// <summary>AccountView's logical fields come as true/false; older exports use T/F or 1/0.</summary>
    private static bool Logical(Func<string, string?> row, string field) =>
        Text(row, field)?.ToUpperInvariant() is "TRUE" or "T" or "1" or "Y" or "J";

    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
