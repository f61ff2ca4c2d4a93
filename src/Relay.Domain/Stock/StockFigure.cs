namespace Relay.Domain.Stock;

/// <summary>The figure the shop should show for one article, and how it was reached.</summary>
public sealed record StockFigure(decimal Value, string How)
{
    /// <summary>
    /// Applies the connection's formula to an article's quantities (field name → value; a missing field
    /// counts as 0 and is named in How). Never below zero: a shop cannot sell negative stock.
    /// </summary>
    public static StockFigure Compute(IReadOnlyDictionary<string, decimal?> article, StockFlowSettings settings)
    {
        var f = settings.Fields;
        var missing = new List<string>();
        decimal Q(string field)
        {
            if (article.TryGetValue(field, out var v) && v is { } value) return value;
            missing.Add(field);
            return 0m;
        }

        // Without a reservation field the available figure is taken as already net of reservations (§4.1, S11).
        var reserved = string.IsNullOrWhiteSpace(f.Reserved) ? (decimal?)null : Q(f.Reserved);
        var minusReserved = reserved is { } r ? $" - {f.Reserved} {r:0.##}" : "";
        var (raw, how) = settings.Formula switch
        {
            StockFormula.AvailableMinusReserved =>
                (Q(f.Available) - (reserved ?? 0), $"{f.Available} {Q(f.Available):0.##}{minusReserved}"),
            StockFormula.Physical => (Q(f.Physical), $"{f.Physical} {Q(f.Physical):0.##}"),
            StockFormula.Free => (Q(f.Free), $"{f.Free} {Q(f.Free):0.##}"),
            // Without a reservation field, the available figure is the shelf already net of reservations.
            StockFormula.PhysicalMinusReservedMinusBuffer when reserved is null =>
                (Q(f.Available) - settings.SafetyBuffer,
                $"{f.Available} {Q(f.Available):0.##} - buffer {settings.SafetyBuffer:0.##}"),
            StockFormula.PhysicalMinusReservedMinusBuffer => (Q(f.Physical) - reserved.Value - settings.SafetyBuffer,
                $"{f.Physical} {Q(f.Physical):0.##}{minusReserved} - buffer {settings.SafetyBuffer:0.##}"),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Formula, "Unknown stock formula."),
        };
        var value = Math.Max(0m, raw);
        how = $"{settings.Formula}: {how} = {raw:0.##}{(raw < 0 ? ", shown as 0" : "")}";
        if (missing.Count > 0) how += $" (not in the article, counted as 0: {string.Join(", ", missing.Distinct())})";
        return new StockFigure(value, how);
    }

    /// <summary>The formula in words, with the fields it reads, for the stock status.</summary>
    public static string Describe(StockFlowSettings settings)
    {
        var f = settings.Fields;
        var reserved = string.IsNullOrWhiteSpace(f.Reserved) ? null : f.Reserved;
        return settings.Formula switch
        {
            StockFormula.AvailableMinusReserved => reserved is null
                ? $"{f.Available}, taken as available minus sales reservations (no reservation field is subtracted)"
                : $"{f.Available} - {reserved}",
            StockFormula.Physical => f.Physical,
            StockFormula.Free => f.Free,
            _ => reserved is null
                ? $"{f.Available} (the shelf net of sales reservations) - buffer {settings.SafetyBuffer:0.##}"
                : $"{f.Physical} - {reserved} - buffer {settings.SafetyBuffer:0.##}",
        } + ", never below 0";
    }
}
