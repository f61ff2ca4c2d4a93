namespace Relay.Domain.WorkItems;

/// <summary>
/// How an attempt at a work item ended: an event on its stream. Each flow names its own outcomes with a marker
/// (<c>IOrderOutcome</c>, <c>ICatalogueOutcome</c>, <c>IStockOutcome</c>), so a processor can return only those,
/// and only outcomes reach the place that records them. A marker adds nothing to the stored event.
/// </summary>
public interface IWorkOutcome
{
    string Key { get; }

    DateTimeOffset At { get; }
}

/// <summary>An attempt that failed: retried at <see cref="NextAttemptAt"/>, or (none) waiting for a replay.</summary>
public interface IWorkFailure : IWorkOutcome
{
    string Reason { get; }

    bool Permanent { get; }

    DateTimeOffset? NextAttemptAt { get; }
}
