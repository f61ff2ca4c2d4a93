namespace Relay.Api.Features.Stock;

/// <summary>Where a connection's stock polling stands (one document per connection), shown by the status endpoint.</summary>
public sealed class StockPollState
{
    public required string Id { get; init; }

    /// <summary>The newest AccountView change date seen (AccountView's clock, not Relay's).</summary>
    public DateTimeOffset? Watermark { get; set; }
    public DateTimeOffset? LastPollAt { get; set; }

    /// <summary>When the last poll started, whether it succeeded or not: the next is due PollSeconds later.</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastFullScanAt { get; set; }
    public bool LastPollWasFull { get; set; }
    public int LastPollArticles { get; set; }
    public int LastPollChanges { get; set; }
    public long LastPollMilliseconds { get; set; }
    public string? LastError { get; set; }
    public long Polls { get; set; }
}
