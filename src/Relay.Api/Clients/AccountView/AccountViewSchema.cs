namespace Relay.Api.Clients.AccountView;

/// <summary>
/// Business-object codes and field names, in one place, with where they come from
/// (accountview-api.md). Those the reference marks unknown are settings with the most plausible default.
/// </summary>
public sealed class AccountViewSchema
{
    // §3.1, §3.2: debtors. MAIL_BUS is the e-mail the order flow looks debtors up by (S3).
    public string Debtors { get; set; } = "AR1";
    public string DebtorTable { get; set; } = "CONTACT";

    // §3.8: delivery addresses; REC_ID comes back and goes into SO_HDR.DEL_CODE.
    public string DeliveryAddresses { get; set; } = "ADDR";
    public string DeliveryAddressTable { get; set; } = "DEL_ADDR";

    // §3.6: articles, ART_CODE = SKU. EAN and VAT-code fields on ARTICLE are not known (§3.6 "Not found").
    public string Articles { get; set; } = "AK1";
    public string ArticleTable { get; set; } = "ARTICLE";
    public string ArticleEanField { get; set; } = "EAN_CODE";
    public string ArticleVatField { get; set; } = "VAT_CODE";
    public string ArticleGroups { get; set; } = "AG1";

    // §3.7: sales orders (S3 only). The order-number field is unknown; the webshop order number is kept
    // in COMMENT1 as S3 does, which is also what the existence check filters on.
    public string SalesOrders { get; set; } = "SO1";
    public string SalesOrderTable { get; set; } = "SO_HDR";
    public string SalesOrderLineTable { get; set; } = "SO_LINE";
    public string SalesOrderNumberField { get; set; } = "ORD_NR";
    public string SalesOrderReferenceField { get; set; } = "COMMENT1";

    // §3.9: sales invoices are journal pages in the sales journal (S4).
    public string SalesInvoices { get; set; } = "DJ2";
    public string SalesInvoiceTable { get; set; } = "DJ_PAGE";
    public string SalesInvoiceLineTable { get; set; } = "DJ_LINE";
    public string SalesInvoiceReferenceField { get; set; } = "COMMENT1";

    // §3.4, §3.5: VAT codes and ledgers.
    public string VatCodes { get; set; } = "VA1";
    public string Ledgers { get; set; } = "GL1";

    // §3.3: the business objects for these lists were not found; the codes are settings.
    public string PaymentTerms { get; set; } = "DC1";
    public string PaymentMethods { get; set; } = "PM1";
    public string ShippingMethods { get; set; } = "SM1";

    /// <summary>The business object that lists the codes of one list.</summary>
    public string BusinessObjectOf(AvCodeList list) => list switch
    {
        AvCodeList.VatCodes => VatCodes,
        AvCodeList.Ledgers => Ledgers,
        AvCodeList.PaymentTerms => PaymentTerms,
        AvCodeList.PaymentMethods => PaymentMethods,
        AvCodeList.ShippingMethods => ShippingMethods,
        _ => ArticleGroups,
    };
}
