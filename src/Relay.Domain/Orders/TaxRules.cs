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
            return (settings.ReverseChargeVatCode,
                $"Business customer in {country} with a VAT number: reverse charge, code "
                    + $"{settings.ReverseChargeVatCode}.");
        var row = settings.VatCodes.FirstOrDefault(r => r.Country == country && r.Rate == rate)
                  ?? settings.VatCodes.FirstOrDefault(r => r.Country == settings.HomeCountry && r.Rate == rate);
        return row is not null
            ? (row.Code, $"{rate:0.##}% to {country}: code {row.Code} (table row {row.Country} {row.Rate:0.##}%).")
            : (settings.DefaultVatCode, $"No table row for {rate:0.##}% to {country}: default code {settings.DefaultVatCode}.");
    }

    /// <summary>The order's main revenue account: for its highest VAT rate.</summary>
    public static (string Account, string Why) RevenueAccount(ShopOrder order, OrderFlowSettings settings) =>
        RevenueAccount(order, MainRate(order), settings);

    public static (string Account, string Why) RevenueAccount(ShopOrder order, decimal rate,
        OrderFlowSettings settings) =>
        RevenueAccount(Destination(order), rate, IsBusiness(order.Customer.VatNumber), settings);

    /// <summary>
    /// The revenue account as a bookkeeper sets it up: the most specific row wins. A row of the country itself beats
    /// its region's (home, EU, WORLD); a row for the VAT rate beats one for any rate; a row for business customers
    /// (with a
    /// VAT number) or consumers beats one for both. No row: the default.
    /// </summary>
    public static (string Account, string Why) RevenueAccount(string country, decimal? rate, bool business,
        OrderFlowSettings settings)
    {
        country = country.ToUpperInvariant();
        var region = country == settings.HomeCountry ? country : Countries.Region(country);
        var kind = business ? CustomerKind.Business : CustomerKind.Consumer;
        var row = settings.RevenueAccounts
            .Where(r => (r.CountryOrRegion == country || r.CountryOrRegion == region)
                        && (r.VatRate is null || r.VatRate == rate)
                            && (r.Customers == CustomerKind.Any || r.Customers == kind))
            .OrderBy(r => r.CountryOrRegion == country ? 0 : 1)
            .ThenBy(r => r.VatRate is null ? 1 : 0)
            .ThenBy(r => r.Customers == CustomerKind.Any ? 1 : 0)
            .FirstOrDefault();
        var what = $"{country}{(rate is { } r0 ? $" at {r0:0.##}%" : "")}, {(business ? "business" : "consumer")}";
        return row is not null
            ? (row.Account, $"Destination {what}: revenue account {row.Account} (table row {Describe(row)}).")
            : (settings.DefaultRevenueAccount,
                $"No revenue account row for {what}: default {settings.DefaultRevenueAccount}.");
    }

    /// <summary>A business customer for VAT and revenue: one with a VAT number (intra-community supplies need
    /// it).</summary>
    public static bool IsBusiness(string? vatNumber) => !string.IsNullOrWhiteSpace(vatNumber);

    public static decimal MainRate(ShopOrder order) => order.Lines.Count == 0 ? 21m : order.Lines.Max(l => l.VatRate);

    private static string Describe(RevenueAccountRule row) =>
        row.CountryOrRegion + (row.VatRate is { } r ? $" {r:0.##}%" : "")
        + (row.Customers == CustomerKind.Any ? "" : $" {row.Customers}");

    /// <summary>
    /// A debtor's default VAT code by where it is: export outside the EU, reverse charge for an EU business
    /// abroad with a VAT number, else the country's highest-rate row (the home country's when it has none).
    /// </summary>
    public static (string Code, string Why) DebtorVatCode(string country, string? vatNumber, OrderFlowSettings settings)
    {
        country = country.ToUpperInvariant();
        if (!Countries.InEu(country)) return (settings.ExportVatCode, $"{country} is outside the EU: export code {settings.ExportVatCode}.");
        if (country != settings.HomeCountry && !string.IsNullOrWhiteSpace(vatNumber))
            return (settings.ReverseChargeVatCode,
                $"Business customer in {country} with a VAT number: reverse charge, code "
                    + $"{settings.ReverseChargeVatCode}.");
        var row = settings.VatCodes.Where(r => r.Country == country).MaxBy(r => r.Rate)
                  ?? settings.VatCodes.Where(r => r.Country == settings.HomeCountry).MaxBy(r => r.Rate);
        return row is not null
            ? (row.Code, $"Customer in {country}: VAT code {row.Code} (table row {row.Country} {row.Rate:0.##}%).")
            : (settings.DefaultVatCode, $"No VAT code row for {country}: default code {settings.DefaultVatCode}.");
    }

    /// <summary>Goods go where they are delivered; without a separate delivery address, to the billing address.</summary>
    public static string Destination(ShopOrder order) => (order.Delivery ?? order.Billing).CountryCode.ToUpperInvariant();
}
