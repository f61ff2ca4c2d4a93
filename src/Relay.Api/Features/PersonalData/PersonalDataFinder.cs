using Marten;
using Relay.Domain.Orders;
using Relay.Domain.PersonalData;
using Relay.Domain.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.PersonalData;

/// <summary>
/// The work items of one connection that hold a customer's personal data, found by the customer on record
/// (<see cref="CustomerOnRecord"/>, kept with its e-mail normalised). Masked work no longer has it, so it is not found.
/// </summary>
public static class PersonalDataFinder
{
    public sealed record Held(IReadOnlyList<CustomerOnRecord> Customers, IReadOnlyList<WorkItem> Items);

    public static async Task<Held> FindAsync(IQuerySession session, string connectionId, string email,
        CancellationToken ct)
    {
        var address = CustomerOnRecord.Normalize(email);
        var orders = await session.Events.QueryRawEventDataOnly<OrderDecided>()
            .Where(e => e.Customer != null && e.Customer.Email == address).ToListAsync(ct);
        var customers = await session.Events.QueryRawEventDataOnly<CatalogueSynced>()
            .Where(e => e.Customer != null && e.Customer.Email == address).ToListAsync(ct);
        var found = orders.Select(e => (e.Key, e.Customer!)).Concat(customers.Select(e => (e.Key, e.Customer!)))
            .ToList();
        var keys = found.Select(f => f.Key).Distinct().ToArray();
        // The connection's own work only: the same customer may shop at another connection's shop.
        var items = await session.Query<WorkItem>()
            .Where(w => w.ConnectionId == connectionId && w.Id.IsOneOf(keys)).ToListAsync(ct);
        var mine = items.Select(i => i.Id).ToHashSet();
        return new Held(found.Where(f => mine.Contains(f.Key)).Select(f => f.Item2).Distinct().ToList(),
            items.OrderBy(i => i.ReceivedAt).ToList());
    }
}
