namespace Relay.Api.Features.WorkItems;

/// <summary>Runs one work item's pending work and records its outcome on the item's stream; safe to run again.</summary>
public interface IWorkProcessor
{
    Task ProcessAsync(string key, CancellationToken ct);

    /// <summary>An unexpected error still ends the attempt on record: failed, with a retry scheduled.</summary>
    Task RecordCrashAsync(string key, Exception error, CancellationToken ct);
}
