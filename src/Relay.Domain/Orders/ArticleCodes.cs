namespace Relay.Domain.Orders;

/// <summary>The order with an article code on every row, what was looked up where, and the rows that have
/// none.</summary>
public sealed record ArticleCodeResolution(ShopOrder Order, IReadOnlyList<string> Decisions,
    IReadOnlyList<string> RowsWithout);

/// <summary>
/// Rule 4a: the article code of each order row. In order: the variant's SKU and product number (or a plain row's
/// product
/// number; read by the order reader), the connection's fallback source (<see
/// cref="OrderFlowSettings.ArticleCodeFallback"/>:
/// the product id, the EAN, or the parent product's number for a variant), and its table of CCV product id →
/// article code
/// (<see cref="OrderFlowSettings.ProductArticleCodes"/>).
/// </summary>
public static class ArticleCodes
{
    public static readonly string[] Fallbacks = ["line.productId", "line.ean", "line.parentProductNumber"];

    public static ArticleCodeResolution Resolve(ShopOrder order, OrderFlowSettings settings)
    {
        var decisions = new List<string>();
        var without = new List<string>();
        var lines = order.Lines.Select((line, i) =>
        {
            if (!string.IsNullOrWhiteSpace(line.ArticleCode)) return line;
            var (code, from) = Fallback(line, settings);
            var row = $"row {i + 1} '{line.Description}' (product {line.ProductId?.ToString() ?? "none"})";
            if (code is null)
            {
                without.Add($"{row} has no article code");
                return line;
            }
            decisions.Add($"The shop gives {row} no SKU or product number: article {code} from {from}.");
            return line with { ArticleCode = code };
        }).ToList();
        return new ArticleCodeResolution(order with { Lines = lines }, decisions, without);
    }

    /// <summary>Why an order with rows without a code cannot be sent, and what the merchant can do.</summary>
    public static string Reason(IReadOnlyList<string> rowsWithout) =>
        $"{string.Join("; ", rowsWithout)}. Give the product an SKU or product number in the shop, or map its "
            + $"product id "
        + "to an article (productArticleCodes) or choose an articleCodeFallback in the order settings, then replay.";

    private static (string? Code, string From) Fallback(ShopOrderLine line, OrderFlowSettings settings)
    {
        var fromSource = settings.ArticleCodeFallback switch
        {
            "line.productId" => line.ProductId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "line.ean" => line.Ean,
            "line.parentProductNumber" => line.ParentProductNumber,
            _ => null,
        };
        if (!string.IsNullOrWhiteSpace(fromSource)) return (fromSource.Trim(), settings.ArticleCodeFallback!);
        var id = line.ProductId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return id is not null && settings.ProductArticleCodes.TryGetValue(id, out var mapped)
            && !string.IsNullOrWhiteSpace(mapped)
            ? (mapped.Trim(), "the connection's product table")
            : (null, "");
    }
}
