using System.Text.Json.Nodes;

namespace Relay.Api.Clients.AccountView;

/// <summary>A row as AccountView answers it: field names upper case (§2.3).</summary>
public sealed record AvRow(JsonObject Fields)
{
    public string? this[string field] => Fields[field]?.ToString();

    /// <summary>The row's fields by name, for the rules in Relay.Domain.</summary>
    public string? Of(string field) => this[field];
}

/// <summary>A sales order as read: its SO_HDR row and SO_LINE rows (§3.7).</summary>
public sealed record AvSalesOrder(AvRow Header, IReadOnlyList<AvRow> Lines);

/// <summary>A field to write, with its FieldType (§2.4: C, N, T, L, …).</summary>
/// <param name="Optional">Not evidenced for the table it is written to: written only where the data dictionary has
/// it.</param>
public sealed record AvField(string Name, object? Value, string Type = "C", bool Optional = false)
{
    /// <summary>This field, written only where the administration's dictionary has it.</summary>
    public AvField IfPresent() => this with { Optional = true };

    public string? AsText => Value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public static AvField Text(string name, string? value) => new(name, value ?? "");
    public static AvField Number(string name, decimal value) => new(name, value, "N");
    public static AvField Date(string name, DateTimeOffset value) =>
        new(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), "T");
    public static AvField Logical(string name, bool value) => new(name, value, "L");
}

/// <summary>One filter of a read (§2.2).</summary>
public sealed record AvFilter(string Field, string Operator, string Value, string ValueType = "C")
{
    public static AvFilter Equal(string field, string value) => new(field, "Equal", value);

    /// <summary>Changed on or after a time, as a VFP strict-date literal (§2.2, §4.2).</summary>
    public static AvFilter ChangedSince(DateTimeOffset since) =>
        new("CNG_DATE", "DateOnOrAfterDate", $"{{^{since.UtcDateTime:yyyy-MM-dd HH:mm:ss}}}", "T");
}

/// <summary>A code list entry for mapping choices (VAT codes, ledgers, payment terms, …).</summary>
public sealed record AvCode(string Code, string Description, AvRow Row);

public enum AvCodeList
{
    VatCodes,
    Ledgers,
    PaymentTerms,
    PaymentMethods,
    ShippingMethods,
    ArticleGroups,
}

/// <summary>A sales order or invoice to create: header fields and lines, in the order they are sent.</summary>
public sealed record AvDocument(string Reference, IReadOnlyList<AvField> Header, IReadOnlyList<IReadOnlyList<AvField>> Lines);

public sealed record AvCompany(string Id, string Description, string Code);
