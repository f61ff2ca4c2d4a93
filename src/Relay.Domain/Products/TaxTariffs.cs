namespace Relay.Domain.Products;

/// <summary>VAT code ⇄ rate ⇄ CCV tax tariff, and prices between the two systems' VAT conventions.</summary>
public static class TaxTariffs
{
    public static (string Tariff, decimal Rate, string Why) ForVatCode(string vatCode, ProductFlowSettings settings)
    {
        var row = settings.TaxTariffs.FirstOrDefault(t => string.Equals(t.VatCode, vatCode, StringComparison.OrdinalIgnoreCase));
        if (row is not null) return (row.Tariff, row.Rate, $"VAT code {vatCode}: tax tariff {row.Tariff} ({row.Rate:0.##}%).");
        var first = settings.TaxTariffs.FirstOrDefault() ?? new TaxTariffRule("", 21m, "normal");
        return (first.Tariff, first.Rate, $"No tax tariff row for VAT code '{vatCode}': {first.Tariff} ({first.Rate:0.##}%).");
    }

    public static (string VatCode, decimal Rate, string Why) ForTariff(string tariff, ProductFlowSettings settings)
    {
        var row = settings.TaxTariffs.FirstOrDefault(t => string.Equals(t.Tariff, tariff, StringComparison.OrdinalIgnoreCase));
        if (row is not null) return (row.VatCode, row.Rate, $"Tax tariff {tariff}: VAT code {row.VatCode} ({row.Rate:0.##}%).");
        var first = settings.TaxTariffs.FirstOrDefault() ?? new TaxTariffRule("H1", 21m, "normal");
        return (first.VatCode, first.Rate, $"No VAT code row for tax tariff '{tariff}': {first.VatCode}.");
    }

    public static decimal ToShop(decimal articlePrice, decimal rate, ProductFlowSettings s) =>
        Convert(articlePrice, rate, from: s.ArticlePricesIncludeVat, to: s.ShopPricesIncludeVat);

    public static decimal ToArticle(decimal shopPrice, decimal rate, ProductFlowSettings s) =>
        Convert(shopPrice, rate, from: s.ShopPricesIncludeVat, to: s.ArticlePricesIncludeVat);

    private static decimal Convert(decimal price, decimal rate, bool from, bool to) => (from, to) switch
    {
        (false, true) => Math.Round(price * (1 + rate / 100m), 2, MidpointRounding.AwayFromZero),
        (true, false) => Math.Round(price / (1 + rate / 100m), 2, MidpointRounding.AwayFromZero),
        _ => price,
    };
}
