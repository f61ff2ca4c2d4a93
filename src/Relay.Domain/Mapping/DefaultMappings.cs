namespace Relay.Domain.Mapping;

/// <summary>A target field and where its value comes from when nothing overrides it.</summary>
public sealed record DefaultMapping(string Target, string Source);

/// <summary>
/// The order, customer and product flows' built-in mapping, as the data mapper shows it (accountview-api.md §3.2,
/// §3.7, §3.9).
/// Every field is written only where the administration's data dictionary has it; "drop" leaves one out.
/// </summary>
public static class DefaultMappings
{
    public static readonly IReadOnlyList<DefaultMapping> Orders =
    [
        new("order.RPL_INV", "debtor.number (sales order)"),
        new("order.RPL_DEL", "debtor.number (sales order)"),
        new("order.ORD_DATE", "order.createdAt (sales order)"),
        new("order.SUB_NR", "debtor.number (invoice)"),
        new("order.DJ_CODE", "setting salesJournal (invoice)"),
        new("order.HDR_DESC", "'Webshop ' + order.number (invoice)"),
        new("order.TRN_DATE", "order.createdAt (invoice)"),
        new("order.PAY_TYPE", "order.paymentMethod through setting paymentMethods (where the table has PAY_TYPE)"),
        new("order.DISC_CODE",
            "order.paymentMethod through setting paymentMethods (payment terms, where the table has DISC_CODE)"),
        new("order.SHIP_MTH",
            "order.deliveryOption or order.deliverMethod through setting shippingMethods (sales order, where SO_HDR "
                + "has SHIP_MTH)"),
        new("order.DEL_CODE", "the delivery address made for the order's own delivery address (sales order)"),
        new("order.GROSS_FLG", "whether the shop's prices include VAT (where the table has GROSS_FLG)"),
        new("line.ART_CODE", "line.articleCode (sales order)"),
        new("line.ORD_QTY", "line.quantity (sales order)"),
        new("line.ART_PX", "line.unitPrice minus its discount (sales order)"),
        new("line.TRN_DESC", "line.articleCode + line.description (invoice)"),
        new("line.TRN_QTY", "line.quantity (invoice)"),
        new("line.AMOUNT", "line total (invoice)"),
        new("line.VAT_CODE",
            "line.vatCode: setting vatCodes by country and rate (invoice; sales order where SO_LINE has VAT_CODE)"),
        new("line.ACCT_NR",
            "line.revenueAccount: setting revenueAccounts by country, rate and customer (invoice; sales order where "
                + "SO_LINE has ACCT_NR)"),
        new("debtor.ACCT_NAME", "customer.company for companies, else customer.name"),
        new("debtor.SRC_CODE", "the name's letters, upper case, 10 at most"),
        new("debtor.ADDRESS1", "billing.street"),
        new("debtor.POST_CODE", "billing.zipcode"),
        new("debtor.CITY", "billing.city"),
        new("debtor.CNT_CODE", "billing.country"),
        new("debtor.MAIL_BUS", "customer.email"),
        new("debtor.TEL_BUS", "customer.phone"),
        new("debtor.VAT_NR", "customer.vatNumber"),
        new("debtor.COC_CODE", "customer.cocNumber"),
        new("debtor.VAT_CODE", "setting vatCodes for the order's main rate"),
        new("debtor.MAIN_CONT", "customer.name (company debtors)"),
        new("debtor.LNK_ACCT", "setting revenueAccounts for the customer's country"),
        new("article.ART_CODE", "product.number, or variant.sku for a variant (products flow, shop master)"),
        new("article.ART_DESC1", "product.name + variant.values"),
        new("article.PX_SELL", "the product's (or variant's) price, excl. VAT as set"),
        new("article.EAN_CODE", "the product's or variant's EAN (setting fields.ean)"),
        new("article.VAT_CODE", "the tax tariff through setting taxTariffs (setting fields.vatCode)"),
        new("article.AG_CODE", "product.category as an article group"),
        new("article.REC_BLK", "not active (setting fields.blocked)"),
    ];
}
