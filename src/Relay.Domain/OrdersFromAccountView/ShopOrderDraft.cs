namespace Relay.Domain.OrdersFromAccountView;

/// <summary>An AccountView sales order in plain terms: its header, lines and debtor.</summary>
public sealed record AccountViewSalesOrder(string Number, DateTimeOffset? EnteredAt, string? FilterValue,
    string? Reference, IReadOnlyList<AccountViewOrderLine> Lines, AccountViewDebtor? Debtor);

/// <param name="UnitPrice">ART_PX: Relay writes it incl. VAT (S3, accountview-api.md §3.7) and reads it so.</param>
public sealed record AccountViewOrderLine(string ArticleCode, decimal Quantity, decimal UnitPrice);

public sealed record AccountViewDebtor(string Number, string? Email, string Name, string? Contact, string? Address,
    string? Zipcode, string? City, string? CountryCode, string? Phone);

/// <summary>A shop product or variant that an article code names.</summary>
public sealed record ShopArticle(long ProductId, long? CombinationId);

/// <summary>The shop order to create: customer from the debtor, rows by article code, the shipping lines' total as
/// its shipping cost.</summary>
public sealed record ShopOrderDraft(string Reference, AccountViewDebtor Customer, int Status,
    IReadOnlyList<ShopOrderDraftRow> Rows, decimal Shipping = 0);

public sealed record ShopOrderDraftRow(string ArticleCode, ShopArticle Article, decimal Count, decimal Price);

/// <summary>What becomes of an AccountView sales order.</summary>
public abstract record SalesOrderPlan(IReadOnlyList<string> Decisions)
{
    public sealed record Create(ShopOrderDraft Draft, IReadOnlyList<string> Decisions) : SalesOrderPlan(Decisions);

    public sealed record Skip(string Reason) : SalesOrderPlan([Reason]);

    /// <summary>Cannot go as it is: fix it in AccountView or the shop, then replay.</summary>
    public sealed record Refuse(string Reason) : SalesOrderPlan([Reason]);
}

/// <summary>Rules of the orders-from-AccountView flow, from a sales order to the shop order to create.</summary>
public static class SalesOrderRules
{
    public static string ReferenceOf(string number, AccountViewOrderSettings settings) =>
        $"{settings.ReferencePrefix}{number}";

    /// <summary>The AccountView number a shop reference names, when it has the connection's prefix.</summary>
    public static string? NumberOf(string? reference, AccountViewOrderSettings settings) =>
        reference is { } r && r.StartsWith(settings.ReferencePrefix, StringComparison.Ordinal)
            && r.Length > settings.ReferencePrefix.Length ? r[settings.ReferencePrefix.Length..] : null;

    /// <summary>Whether the filter selects the order ("" selects every order).</summary>
    public static bool Selected(string? filterValue, AccountViewOrderSettings settings) =>
        settings.FilterField.Length == 0
        || settings.FilterValues.Any(v => string.Equals(v.Trim(), filterValue?.Trim(),
            StringComparison.OrdinalIgnoreCase));

    /// <param name="articles">The shop product or variant of each article code the shop has.</param>
    /// <param name="shippingArticle">The order flow's shipping article: its lines are the order's shipping cost, not
    /// rows.</param>
    public static SalesOrderPlan Plan(AccountViewSalesOrder order, IReadOnlyDictionary<string, ShopArticle> articles,
        AccountViewOrderSettings settings, string shippingArticle = "")
    {
        if (!Selected(order.FilterValue, settings))
            return new SalesOrderPlan.Skip($"The filter sends orders with {settings.FilterField} "
                + $"{string.Join(" or ", settings.FilterValues)}; this one has '{order.FilterValue}'.");
        if (order.Debtor is not { } debtor)
            return new SalesOrderPlan.Refuse("The order's debtor is not in AccountView.");
        if (string.IsNullOrWhiteSpace(debtor.Email))
            return new SalesOrderPlan.Refuse($"Debtor {debtor.Number} has no e-mail address, which the shop order "
                + "needs for its customer. Add it in AccountView and replay.");
        bool IsShipping(AccountViewOrderLine l) =>
            shippingArticle.Length > 0
            && string.Equals(l.ArticleCode, shippingArticle, StringComparison.OrdinalIgnoreCase);
        var goods = order.Lines.Where(l => !IsShipping(l)).ToList();
        if (goods.Count == 0) return new SalesOrderPlan.Refuse("The order has no lines but shipping.");
        var missing = goods.Where(l => !articles.ContainsKey(l.ArticleCode)).Select(l => l.ArticleCode)
            .Distinct().ToList();
        if (missing.Count > 0)
            return new SalesOrderPlan.Refuse($"The shop has no product or variant with number or SKU "
                + $"{string.Join(", ", missing)}. Nothing was written.");
        var rows = goods.Select(l => new ShopOrderDraftRow(l.ArticleCode, articles[l.ArticleCode], l.Quantity,
            l.UnitPrice)).ToList();
        var shipping = order.Lines.Where(IsShipping).Sum(l => l.Quantity * l.UnitPrice);
        return new SalesOrderPlan.Create(
            new ShopOrderDraft(ReferenceOf(order.Number, settings), debtor, settings.Status, rows, shipping),
            [
                $"Sales order {order.Number} was entered in AccountView, not by Relay"
                    + (settings.FilterField.Length == 0 ? "." : $", and its {settings.FilterField} is sent."),
                $"The customer is debtor {debtor.Number}, by e-mail.",
                $"{rows.Count} rows by article code, at AccountView's prices incl. VAT"
                    + (shipping == 0 ? "." : $"; the {shippingArticle} lines, {shipping:0.00}, as the shipping cost."),
            ]);
    }
}
