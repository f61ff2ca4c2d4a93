namespace Relay.Api.Features.WorkItems;

/// <summary>Runs one work item's pending work and records its outcome on the item's stream; safe to run again.</summary>
public interface IWorkProcessor
{
    Task ProcessAsync(string key, CancellationToken ct);

    /// <summary>
    /// An attempt that ended without an outcome of its own (an unexpected error, out of time, or not made while
    /// the connection's probe waits) still ends on record: failed for the reason given, with a retry scheduled.
    /// </summary>
    Task RecordTemporaryFailureAsync(string key, string reason, CancellationToken ct);
}
