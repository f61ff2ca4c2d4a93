using Relay.Domain.WorkItems;

namespace Relay.Domain.Stock;

// The stock stream's events: one stream per connection and SKU (WorkKey.ForStock). Public contract of
// the audit trail: fields are added, never renamed.

/// <summary>The figure for the shop changed (or was seen for the first time); How says from which quantities.</summary>
public sealed record StockChanged(string Key, string ConnectionId, string Sku, decimal Figure, string How, string Source, DateTimeOffset At);

/// <summary>How a stock write ended: written, skipped or failed (tried again at the next poll).</summary>
public interface IStockOutcome : IWorkOutcome;

/// <summary>The shop holds the figure now. Target is the product or variant written; Written false when it already showed it.</summary>
public sealed record StockWritten(string Key, decimal Figure, string Target, bool Written, DateTimeOffset At)
    : IStockOutcome;

/// <summary>The figure is not written, e.g. the SKU is not in the shop.</summary>
public sealed record StockSkipped(string Key, decimal Figure, string Reason, DateTimeOffset At) : IStockOutcome;

/// <summary>A write failed; it is tried again until it lands or a newer figure replaces it.</summary>
public sealed record StockWriteFailed(string Key, decimal Figure, string Reason, DateTimeOffset At) : IStockOutcome;
