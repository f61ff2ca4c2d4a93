namespace Relay.Simulators;

/// <summary>
/// The demo catalogue both simulators are seeded from, so the sandbox shop and the sandbox AccountView
/// agree on article codes: a simple product's product number is its article code; each variant of a
/// variant product has an article of its own (its SKU).
/// </summary>
public static class DemoCatalogue
{
    public sealed record Item(string Code, string Name, decimal Price, string Ean, string Group, int Stock, IReadOnlyList<Variant> Variants);
    public sealed record Variant(string Code, string Size, string Colour, string Ean, decimal ExtraPrice, int Stock);

    public static readonly (string Code, string Name)[] Groups =
    [
        ("KLEDING", "Kleding"), ("KEUKEN", "Keuken"), ("TASSEN", "Tassen"), ("SPEELGOED", "Speelgoed"), ("TUIN", "Tuin"),
    ];

    private static readonly string[] Nouns = ["Theepot", "Schaal", "T-shirt", "Trui", "Tas", "Mok", "Plantenbak", "Puzzel", "Sjaal", "Rugzak"];
    private static readonly string[] Adjectives = ["blauw", "rood", "groot", "klein", "luxe", "basic", "eco", "retro"];
    private static readonly string[] Sizes = ["S", "M", "L"];

    public static IReadOnlyList<Item> Create(int count)
    {
        var random = new Random(20240305);
        var items = new List<Item>(count);
        for (var i = 1; i <= count; i++)
        {
            var noun = Nouns[i % Nouns.Length];
            var code = $"ART-{i:D5}";
            var price = Math.Round(4.95m + random.Next(0, 9000) / 100m, 2);
            var group = Groups[i % Groups.Length].Code;
            // One in five is a product with sizes: the clothing nouns.
            var variants = noun is "T-shirt" or "Trui"
                ? Sizes.Select((size, n) => new Variant($"{code}-{size}", size, "Zwart", Ean(i * 10 + n), n == 2 ? 2m : 0m, random.Next(0, 30))).ToList()
                : [];
            items.Add(new Item(code, $"{noun} {Adjectives[i % Adjectives.Length]}", price, Ean(i * 10 + 9), group, random.Next(0, 50), variants));
        }
        return items;
    }

    /// <summary>A valid EAN-13 in the 871 (Dutch) range.</summary>
    private static string Ean(int n)
    {
        var digits = $"871234{n % 1_000_000:D6}";
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return digits + (10 - sum % 10) % 10;
    }
}
