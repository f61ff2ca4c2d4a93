namespace Relay.Domain.Stock;

/// <summary>How the shop's stock figure is made from an AccountView article.</summary>
public enum StockFormula
{
    /// <summary>
    /// Available stock minus sales reservations: the usual choice (accountview-api.md §4.1, S11). APIcenter sends
    /// QTY_AVAIL
    /// as that figure, so a reservation field is subtracted only when one is chosen (<see
    /// cref="StockFields.Reserved"/>).
    /// </summary>
    AvailableMinusReserved,

    /// <summary>What is on the shelf (QTY_TECH).</summary>
    Physical,

    /// <summary>AccountView's free stock (QTY_FREE2).</summary>
    Free,

    /// <summary>On the shelf minus reserved minus a safety buffer; without a reservation field, the available
    /// figure minus the buffer.</summary>
    PhysicalMinusReservedMinusBuffer,
}

/// <summary>
/// One connection's stock flow: AccountView articles → CCV Shop products and variants. Which ARTICLE
/// fields hold which quantity is not known for certain (accountview-api.md §4.1): the field names are
/// settings, with the simulator's documented defaults.
/// </summary>
public sealed record StockFlowSettings
{
    // Required in a body: leaving it out must not switch the flow on (or off) unnoticed.
    [System.Text.Json.Serialization.JsonRequired]
    public bool Enabled { get; init; } = true;

    /// <summary>Seconds between incremental polls (articles changed since the last one). At least 10.</summary>
    public int PollSeconds { get; init; } = 60;

    /// <summary>Hours between full scans, which catch what change dates miss. At least 1.</summary>
    public int FullScanHours { get; init; } = 24;

    /// <summary>
    /// Each incremental poll re-reads this far behind the newest change date seen: AccountView's change
    /// dates have whole seconds, and a write that commits late may carry an earlier one (§4.2).
    /// </summary>
    public int OverlapSeconds { get; init; } = 60;

    public StockFormula Formula { get; init; } = StockFormula.AvailableMinusReserved;

    /// <summary>Kept back from the shop under <see cref="StockFormula.PhysicalMinusReservedMinusBuffer"/>.</summary>
    public decimal SafetyBuffer { get; init; }

    /// <summary>When on, Relay also switches stock keeping on (stockenabled) for products it writes.</summary>
    public bool ManageStock { get; init; }

    public StockFields Fields { get; init; } = new();
}

/// <summary>
/// The ARTICLE fields the formulas read (§4.1: unverified). Checked against the administration's ARTICLE dictionary
/// when
/// saved, and shown with the stock status.
/// </summary>
public sealed record StockFields
{
    public string Physical { get; init; } = "QTY_TECH";
    public string Available { get; init; } = "QTY_AVAIL";

    /// <summary>Sales reservations, subtracted when set; none by default (QTY_AVAIL already nets them out,
    /// §4.1).</summary>
    public string? Reserved { get; init; }

    public string Free { get; init; } = "QTY_FREE2";

    /// <summary>The fields a formula reads, in the order it reads them.</summary>
    public IReadOnlyList<string> UsedBy(StockFormula formula) => (formula switch
    {
        StockFormula.AvailableMinusReserved => new[] { Available, Reserved },
        StockFormula.Physical => [Physical],
        StockFormula.Free => [Free],
        _ => string.IsNullOrWhiteSpace(Reserved) ? [Available] : [Physical, Reserved],
    }).OfType<string>().Where(f => f.Length > 0).ToList();
}
