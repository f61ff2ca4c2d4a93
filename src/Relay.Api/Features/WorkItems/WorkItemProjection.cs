using JasperFx.Events;
using Marten.Events.Aggregation;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>
/// Keeps the <see cref="WorkItem"/> document in step with its stream, in the same transaction as the
/// events. The rules live in Relay.Domain; this only hands Marten the pure Evolve (see stack.md).
/// </summary>
public sealed class WorkItemProjection : SingleStreamProjection<WorkItem, string>
{
    public override WorkItem? Evolve(WorkItem? snapshot, string id, IEvent e) => WorkItem.Evolve(snapshot, e.Data);
}
