namespace Relay.Domain.Stock;

/// <summary>
/// Which pending stock write goes first when the shop's rate limit makes them queue: a change to or from
/// zero (overselling, or selling nothing while there is stock, is the costly failure), then the largest change.
/// </summary>
public static class StockWriteOrder
{
    /// <summary>Lower sorts first.</summary>
    public static (int Tier, decimal Size) Priority(decimal? inShop, decimal wanted)
    {
        var before = inShop ?? 0m;
        var crossesZero = (before <= 0m) != (wanted <= 0m);
        return (crossesZero ? 0 : 1, -Math.Abs(wanted - before));
    }

    public static int Compare((int Tier, decimal Size) a, (int Tier, decimal Size) b) =>
        a.Tier != b.Tier ? a.Tier.CompareTo(b.Tier) : a.Size.CompareTo(b.Size);
}
