namespace Relay.Domain.OrderStatus;

public static class OrderStatusSettingsCheck
{
    /// <summary>What is wrong with the settings, by field (camelCase, as in the body).</summary>
    public static IReadOnlyDictionary<string, string[]> Problems(OrderStatusSettings s)
    {
        var problems = new Dictionary<string, string[]>();
        if (s.PollSeconds is < 15 or > 86_400) problems["pollSeconds"] = ["Between 15 seconds and a day."];
        if (s.OverlapSeconds is < 0 or > 86_400) problems["overlapSeconds"] = ["Between 0 and a day."];
        if (s.MailNote is null || s.MailNote.Length > 1000) problems["mailNote"] = ["Text of at most 1000 characters."];
        if (s.Statuses is null) problems["statuses"] = ["The status mapping is required."];
        else
            foreach (var (name, status) in Mapped(s.Statuses))
                if (status is { } code && !ShopStatuses.IsKnown(code))
                    problems[$"statuses.{name}"] = [$"{code} is not a CCV Shop order status: 1 to 14 (§4.2)."];
        if (s.Fields is null) problems["fields"] = ["The field names are required."];
        else
            foreach (var (name, field) in FieldNames(s.Fields))
                if (field is null || (field.Length > 0 && !IsFieldName(field)))
                    problems[$"fields.{name}"] = [$"'{field}' is not an AccountView field name (letters, digits, _)."];
        return problems;
    }

    /// <summary>The header and line fields the settings read, for the check against the dictionary.</summary>
    public static IEnumerable<(string Name, string Table, string Field)> FieldsRead(SalesOrderStateFields f) =>
        FieldNames(f).Where(n => n.Field is { Length: > 0 })
            .Select(n => (n.Name, n.Name == "deliveredQuantity" ? "SO_LINE" : "SO_HDR", n.Field!));

    private static IEnumerable<(string Name, int? Status)> Mapped(OrderStatusMapping m) =>
    [
        ("partlyDelivered", m.PartlyDelivered), ("delivered", m.Delivered), ("invoiced", m.Invoiced),
        ("cancelled", m.Cancelled),
    ];

    private static IEnumerable<(string Name, string? Field)> FieldNames(SalesOrderStateFields f) =>
    [
        ("deliveredQuantity", f.DeliveredQuantity), ("invoiceNumber", f.InvoiceNumber), ("cancelled", f.Cancelled),
        ("trackAndTrace", f.TrackAndTrace), ("carrier", f.Carrier), ("paid", f.Paid),
    ];

    private static bool IsFieldName(string field) => field.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
