using Marten;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.WorkItems;

/// <summary>The work-item filter the list and the bulk replay share; every part optional.</summary>
/// <param name="All">For a bulk replay: every work item, on purpose (a replay without a filter is refused
/// otherwise).</param>
/// <param name="Order">An item by its id (an order id, a SKU), or an order by its number, in full (WEB-1001) or the
/// number alone (1001).</param>
public sealed record WorkItemFilter(string? ConnectionId = null, Flow? Flow = null, WorkStatus? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null, string? EntityId = null, string? ErrorContains = null, bool All = false,
    [property: System.ComponentModel.DataAnnotations.StringLength(50)] string? Order = null)
{
    /// <summary>Whether no part of the filter is given: it would select everything.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(ConnectionId) && Flow is null && Status is null && From is null
        && To is null
                           && string.IsNullOrEmpty(EntityId) && string.IsNullOrEmpty(ErrorContains)
                           && string.IsNullOrEmpty(Order);

    /// <param name="visibleConnections">The caller's connections, or null when it sees all (the bootstrap key).</param>
    public IQueryable<WorkItem> Apply(IQueryable<WorkItem> query, IReadOnlyList<string>? visibleConnections)
    {
        if (visibleConnections is not null)
        {
            var ids = visibleConnections.ToArray();
            query = query.Where(w => w.ConnectionId.IsOneOf(ids));
        }
        if (ConnectionId is not null) query = query.Where(w => w.ConnectionId == ConnectionId);
        if (Flow is not null) query = query.Where(w => w.Flow == Flow);
        if (Status is not null) query = query.Where(w => w.Status == Status);
        if (From is not null) query = query.Where(w => w.ReceivedAt >= From);
        if (To is not null) query = query.Where(w => w.ReceivedAt < To);
        if (EntityId is not null) query = query.Where(w => w.EntityId == EntityId);
        if (Order is not null)
        {
            var number = $"-{Order}";
            query = query.Where(w => w.EntityId == Order
                || (w.Entity == ShopEntity.Order && (w.Reference == Order || w.Reference!.EndsWith(number))));
        }
        if (ErrorContains is not null) query = query.Where(w => w.LastError != null && w.LastError.Contains(ErrorContains, StringComparison.OrdinalIgnoreCase));
        return query;
    }
}
