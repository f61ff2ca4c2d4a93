using System.Globalization;
using System.Security.Cryptography;
using Relay.Api.Clients.AccountView;
using Relay.Domain.Products;
using Relay.Domain.Stock;

namespace Relay.Api.Features.Products;

/// <summary>AccountView article rows in the product rules' terms: fields by the connection's names, stock by its formula, the image by its hash.</summary>
public static class SourceArticles
{
    public static SourceArticle From(AvRow row, ProductFlowSettings settings, StockFlowSettings? stock, IReadOnlyDictionary<string, string> groupNames)
    {
        var f = settings.Fields;
        var group = row["AG_CODE"] ?? "";
        var quantities = row.Fields.Where(p => p.Key.StartsWith("QTY_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key.ToUpperInvariant(), p => Number(p.Value?.ToString()), StringComparer.OrdinalIgnoreCase);
        return new SourceArticle(
            row["ART_CODE"] ?? "",
            row["ART_DESC1"] ?? "",
            Text(row, f.LongDescription),
            group,
            groupNames.GetValueOrDefault(group) ?? "",
            Number(row["PX_SELL"]) ?? 0m,
            Text(row, f.Ean) ?? "",
            Text(row, f.VatCode) ?? "",
            string.Equals(Text(row, f.Blocked), "true", StringComparison.OrdinalIgnoreCase),
            Image(row, settings) is { } image ? Convert.ToHexStringLower(SHA256.HashData(image)) : null,
            StockFigure.Compute(quantities, stock ?? new StockFlowSettings()).Value);
    }

    /// <summary>The article's image bytes (base64 in the image field, §3.6), or null when it has none or it is not base64.</summary>
    public static byte[]? Image(AvRow row, ProductFlowSettings settings)
    {
        if (Text(row, settings.Fields.ImageData) is not { Length: > 0 } data) return null;
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The image's file type from its name (IMG_MEDIUM), jpg when unknown.</summary>
    public static string ImageType(AvRow row, ProductFlowSettings settings)
    {
        var extension = Path.GetExtension(Text(row, settings.Fields.ImageName) ?? "").TrimStart('.').ToLowerInvariant();
        return extension is "png" or "gif" or "jpeg" or "jpg" or "webp" ? extension : "jpg";
    }

    /// <summary>The values a filter rule on an article looks at: the field's value.</summary>
    public static IReadOnlyList<string> ValuesOf(AvRow row, string field) => [row[field.ToUpperInvariant()] ?? ""];

    private static string? Text(AvRow row, string? field) => string.IsNullOrWhiteSpace(field) ? null : row[field.ToUpperInvariant()];

    private static decimal? Number(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
