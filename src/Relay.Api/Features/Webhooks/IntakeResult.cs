namespace Relay.Api.Features.Webhooks;

/// <summary>What became of one delivery in the intake's batch.</summary>
internal enum IntakeResult
{
    /// <summary>Committed: a new delivery of its work item.</summary>
    Stored,

    /// <summary>Received before; nothing written.</summary>
    Duplicate,

    /// <summary>The connection changed (or is gone) since the delivery was checked: check it again.</summary>
    GateChanged,
}
