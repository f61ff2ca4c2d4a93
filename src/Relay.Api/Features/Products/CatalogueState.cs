namespace Relay.Api.Features.Products;

/// <summary>Where a connection's product and customer scans stand (one document per connection), shown by the status endpoint.</summary>
public sealed class CatalogueState
{
    public required string Id { get; init; }

    /// <summary>The newest AccountView article change date seen (AccountView's clock).</summary>
    public DateTimeOffset? Watermark { get; set; }

    public DateTimeOffset? LastPollAt { get; set; }
    public DateTimeOffset? LastReconciliationAt { get; set; }
    public DateTimeOffset? LastCustomerScanAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>When a scan last failed; scans pause for a minute after it.</summary>
    public DateTimeOffset? LastFailedAt { get; set; }

    /// <summary>A hash of each shop customer's details when last queued: CCV has no customer webhooks or change dates (§3.2, §4.4).</summary>
    public Dictionary<string, string> CustomerFingerprints { get; set; } = [];
}

/// <summary>One import or on-demand run: while it reads the catalogue, then the work items it queued, for its progress.</summary>
public sealed class CatalogueImportDocument
{
    public required string Id { get; init; }
    public required string ConnectionId { get; init; }
    public required string Flow { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public ImportState State { get; set; } = ImportState.Reading;
    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>Why reading the catalogue failed (nothing was queued then).</summary>
    public string? Error { get; set; }
}

public enum ImportState
{
    /// <summary>The catalogue (or the customers) is being read; nothing is queued yet.</summary>
    Reading,

    /// <summary>Every item is queued; progress counts their outcomes.</summary>
    Queued,

    /// <summary>The other system could not be read: nothing was queued.</summary>
    Failed,
}
