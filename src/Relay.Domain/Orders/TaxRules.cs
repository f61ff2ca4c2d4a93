namespace Relay.Domain.Orders;

/// <summary>Rule 6: the VAT code and revenue account of an order, each with the table row it came from.</summary>
public static class TaxRules
{
    /// <summary>
    /// Intra-community B2B (EU, not home, VAT number) is reverse charge; outside the EU is export;
    /// otherwise the row for the destination country and rate, falling back to the home country's rows.
    /// </summary>
    public static (string Code, string Why) VatCode(ShopOrder order, decimal rate, OrderFlowSettings settings)
    {
        var country = Destination(order);
        if (!Countries.InEu(country))
            return (settings.ExportVatCode, $"{country} is outside the EU: export code {settings.ExportVatCode}.");
        if (country != settings.HomeCountry && !string.IsNullOrWhiteSpace(order.Customer.VatNumber))
            return (settings.ReverseChargeVatCode, $"Business customer in {country} with VAT number {order.Customer.VatNumber}: reverse charge, code {settings.ReverseChargeVatCode}.");
        var row = settings.VatCodes.FirstOrDefault(r => r.Country == country && r.Rate == rate)
                  ?? settings.VatCodes.FirstOrDefault(r => r.Country == settings.HomeCountry && r.Rate == rate);
        return row is not null
            ? (row.Code, $"{rate:0.##}% to {country}: code {row.Code} (table row {row.Country} {row.Rate:0.##}%).")
            : (settings.DefaultVatCode, $"No table row for {rate:0.##}% to {country}: default code {settings.DefaultVatCode}.");
    }

    public static (string Account, string Why) RevenueAccount(ShopOrder order, OrderFlowSettings settings) =>
        RevenueAccount(Destination(order), settings);

    /// <summary>The revenue account for a country: its own row, else its region's (home, EU, WORLD), else the default.</summary>
    public static (string Account, string Why) RevenueAccount(string country, OrderFlowSettings settings)
    {
        country = country.ToUpperInvariant();
        var region = country == settings.HomeCountry ? country : Countries.Region(country);
        var row = settings.RevenueAccounts.FirstOrDefault(r => r.CountryOrRegion == country)
                  ?? settings.RevenueAccounts.FirstOrDefault(r => r.CountryOrRegion == region);
        return row is not null
            ? (row.Account, $"Destination {country}: revenue account {row.Account} (table row {row.CountryOrRegion}).")
            : (settings.DefaultRevenueAccount, $"No revenue account row for {country}: default {settings.DefaultRevenueAccount}.");
    }

    /// <summary>
    /// A debtor's default VAT code by where it is: export outside the EU, reverse charge for an EU business
    /// abroad with a VAT number, else the country's highest-rate row (the home country's when it has none).
    /// </summary>
    public static (string Code, string Why) DebtorVatCode(string country, string? vatNumber, OrderFlowSettings settings)
    {
        country = country.ToUpperInvariant();
        if (!Countries.InEu(country)) return (settings.ExportVatCode, $"{country} is outside the EU: export code {settings.ExportVatCode}.");
        if (country != settings.HomeCountry && !string.IsNullOrWhiteSpace(vatNumber))
            return (settings.ReverseChargeVatCode, $"Business customer in {country} with a VAT number: reverse charge, code {settings.ReverseChargeVatCode}.");
        var row = settings.VatCodes.Where(r => r.Country == country).MaxBy(r => r.Rate)
                  ?? settings.VatCodes.Where(r => r.Country == settings.HomeCountry).MaxBy(r => r.Rate);
        return row is not null
            ? (row.Code, $"Customer in {country}: VAT code {row.Code} (table row {row.Country} {row.Rate:0.##}%).")
            : (settings.DefaultVatCode, $"No VAT code row for {country}: default code {settings.DefaultVatCode}.");
    }

    /// <summary>Goods go where they are delivered; without a separate delivery address, to the billing address.</summary>
    public static string Destination(ShopOrder order) => (order.Delivery ?? order.Billing).CountryCode.ToUpperInvariant();
}
