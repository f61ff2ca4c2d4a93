namespace Relay.Domain.Orders;

/// <summary>Where a destination country stands for VAT: home, elsewhere in the EU, or outside it.</summary>
public static class Countries
{
    private static readonly HashSet<string> Eu =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
        "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ];

    public static bool InEu(string countryCode) => Eu.Contains(countryCode.ToUpperInvariant());

    public static string Region(string countryCode) => InEu(countryCode) ? "EU" : "WORLD";
}
