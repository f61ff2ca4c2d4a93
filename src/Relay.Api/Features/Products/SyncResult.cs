namespace Relay.Api.Features.Products;

/// <summary>How one product, category or customer sync ended, before it is recorded as an event.</summary>
public abstract record SyncResult
{
    /// <param name="Target">What the other system holds now, e.g. "CCV product 1234" or "articles A-1, A-2".</param>
    public sealed record Done(string Target, IReadOnlyList<string> Written, IReadOnlyList<string> Decisions, string? ImageSha256 = null) : SyncResult;

    public sealed record Skip(string Reason) : SyncResult;

    /// <summary>Cannot be done until someone changes something (a setting, the data): failed for good, replayable.</summary>
    public sealed record Refused(string Reason) : SyncResult;
}
