using Relay.Api.Clients.AccountView;
using Relay.Domain.Mapping;
using Relay.Domain.Orders;

namespace Relay.Api.Features.Orders;

/// <summary>
/// An order document in AccountView's fields. Sales orders follow S3 (§3.7: RPL_INV, RPL_DEL, ORD_DATE,
/// DEL_CODE; lines ART_CODE, ORD_QTY, ART_PX); invoices follow S4 (§3.9) and DJ_PAGE's live dictionary.
/// Payment method, terms, shipping method, gross flag, VAT code and revenue account per line on SO1 are not
/// evidenced: they use the names CONTACT and DJ_PAGE have (PAY_TYPE, DISC_CODE, SHIP_MTH, VAT_CODE, ACCT_NR)
/// and are written only where the administration's dictionary has them (<see cref="AvField.IfPresent"/>).
/// </summary>
public static class AccountViewDocuments
{
    public static AvDocument From(OrderDocument document, string salesJournal) =>
        document.Kind == DocumentKind.SalesOrder ? SalesOrder(document) : SalesInvoice(document, salesJournal);

    /// <summary>The document with the data mapper's overrides: "order.*" on the header, "line.*" on every line.</summary>
    public static AvDocument From(OrderDocument document, string salesJournal, IReadOnlyList<FieldMapping> mappings, IReadOnlyDictionary<string, string> sources)
    {
        var plain = From(document, salesJournal);
        if (mappings.Count == 0) return plain;
        var header = Override(plain.Header, MappingSources.OrderObject, mappings, sources);
        var lines = plain.Lines.Select((line, i) => Override(line, MappingSources.LineObject, mappings, MappingSources.Of(sources, document.Lines[i]))).ToList();
        return plain with { Header = header, Lines = lines };
    }

    /// <summary>
    /// The document as it will be written: only fields the administration's header and line tables have, text cut to
    /// their lengths, and the notes that say what was left out or cut (for the audit trail).
    /// </summary>
    public static (AvDocument Document, IReadOnlyList<string> Notes) Fit(AvDocument document, DocumentKind kind,
        Relay.Domain.Mapping.AdministrationFields? fields, AccountViewSchema schema)
    {
        var (headerTable, lineTable) = kind == DocumentKind.SalesOrder
            ? (schema.SalesOrderTable, schema.SalesOrderLineTable)
            : (schema.SalesInvoiceTable, schema.SalesInvoiceLineTable);
        var (header, headerNotes) = AccountViewFit.Apply(fields, headerTable, document.Header);
        var (lines, lineNotes) = AccountViewFit.ApplyToLines(fields, lineTable, document.Lines);
        return (document with { Header = header, Lines = lines }, [.. headerNotes, .. lineNotes]);
    }

    /// <summary>An overridden field is sent as text (the mapper's values are text).</summary>
    private static IReadOnlyList<AvField> Override(IReadOnlyList<AvField> fields, string @object, IReadOnlyList<FieldMapping> mappings, IReadOnlyDictionary<string, string> sources) =>
        FieldMapping.Apply(mappings, @object, fields, f => f.Name, AvField.Text, sources);

    private static AvDocument SalesOrder(OrderDocument d)
    {
        var header = new List<AvField>
        {
            AvField.Text("RPL_INV", d.DebtorNumber),
            AvField.Text("RPL_DEL", d.DebtorNumber),
            AvField.Date("ORD_DATE", d.OrderDate),
            AvField.Text("PAY_TYPE", d.PaymentMethod).IfPresent(),
            AvField.Text("DISC_CODE", d.PaymentTerms).IfPresent(),
            AvField.Text("SHIP_MTH", d.ShippingMethod).IfPresent(),
            AvField.Logical("GROSS_FLG", d.PricesIncludeVat).IfPresent(),
        };
        if (d.DeliveryAddressCode is not null) header.Add(AvField.Text("DEL_CODE", d.DeliveryAddressCode));
        var lines = d.Lines.Select(l => (IReadOnlyList<AvField>)
        [
            AvField.Text("ART_CODE", l.ArticleCode),
            AvField.Number("ORD_QTY", l.Quantity),
            AvField.Number("ART_PX", l.UnitPrice - l.UnitDiscount),
            AvField.Text("VAT_CODE", l.VatCode).IfPresent(),
            AvField.Text("ACCT_NR", l.RevenueAccount).IfPresent(),
        ]).ToList();
        return new AvDocument(d.Reference, header, lines);
    }

    private static AvDocument SalesInvoice(OrderDocument d, string salesJournal)
    {
        var header = new List<AvField>
        {
            AvField.Text("DJ_CODE", salesJournal),
            AvField.Text("SUB_NR", d.DebtorNumber),
            AvField.Text("HDR_DESC", $"Webshop {d.Reference}"),
            AvField.Date("TRN_DATE", d.OrderDate),
            AvField.Logical("GROSS_FLG", d.PricesIncludeVat),
            AvField.Text("PAY_TYPE", d.PaymentMethod).IfPresent(),
            AvField.Text("DISC_CODE", d.PaymentTerms).IfPresent(),
        };
        var lines = d.Lines.Select(l => (IReadOnlyList<AvField>)
        [
            AvField.Text("ACCT_NR", l.RevenueAccount),
            AvField.Text("TRN_DESC", $"{l.ArticleCode} {l.Description}".Trim()),
            AvField.Number("TRN_QTY", l.Quantity),
            AvField.Number("AMOUNT", l.Total),
            AvField.Text("VAT_CODE", l.VatCode),
        ]).ToList();
        return new AvDocument(d.Reference, header, lines);
    }
}
