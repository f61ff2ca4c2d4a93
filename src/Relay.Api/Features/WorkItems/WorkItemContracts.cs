using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <param name="OrderNumber">An order's number in the shop (WEB-1001), once Relay has read the order.</param>
public sealed record WorkItemResponse(
    string Key,
    string ConnectionId,
    Flow Flow,
    ShopEntity Entity,
    string EntityId,
    WorkStatus Status,
    int Deliveries,
    int Attempts,
    string? LastError,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextAttemptAt,
    bool Permanent,
    bool PersonalDataMasked = false,
    string? OrderNumber = null)
{
    /// <summary>A failure is permanent when no retry is scheduled: it waits for a person (fix, then replay).</summary>
    public static WorkItemResponse From(WorkItem item) => new(
        item.Id, item.ConnectionId, item.Flow, item.Entity, item.EntityId, item.Status, item.Deliveries,
        item.Attempts, item.LastError, item.ReceivedAt, item.UpdatedAt,
        item.Status == WorkStatus.Failed ? item.NextAttemptAt : null, item.Status == WorkStatus.Failed
            && item.NextAttemptAt is null, item.PersonalDataMasked, item.Reference);
}

public sealed record WorkItemPage(IReadOnlyList<WorkItemResponse> Items, int Page, int PageSize, long Total);

/// <summary>One entry of a work item's audit trail. The event types and their fields are a public contract.</summary>
/// <param name="TraceId">The OpenTelemetry trace the event was written in (the webhook's, then each attempt's, which
/// continues it), when tracing was on; null otherwise.</param>
public sealed record AuditEntry(long Version, long Sequence, string Type, DateTimeOffset Timestamp,
    string? CorrelationId, object Data, string? TraceId = null)
{
    public static AuditEntry From(JasperFx.Events.IEvent e) =>
        new(e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.CorrelationId, e.Data,
            Infrastructure.Telemetry.EventTraces.TraceIdOf(e));
}
