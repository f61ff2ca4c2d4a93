namespace Relay.Api.Infrastructure.Processing;

/// <summary>
/// The durable local queues work runs on, one per flow, each with its own parallelism, so an import of
/// thousands of products never holds up an order. Within a lane work runs in the order it came, up to the
/// lane's parallelism, and no attempt takes longer than the lane's budget.
/// </summary>
public static class Lanes
{
    /// <param name="Parallel">Attempts at once on this replica. Most of an attempt is waiting on the other
    /// systems, so this is well above the core count.</param>
    /// <param name="Budget">The longest one attempt may take: past it, it is a temporary failure, retried on schedule.
    /// A variant product is a dozen calls to the shop, each of which may wait for its rate-limit minute
    /// (ccvshop-api.md §2.6).</param>
    public sealed record Lane(string Name, int Parallel, TimeSpan Budget);

    public static readonly Lane Orders = new("orders", 128, TimeSpan.FromSeconds(60));
    public static readonly Lane Catalogue = new("catalogue", 16, TimeSpan.FromMinutes(10));
    public static readonly Lane Customers = new("customers", 8, TimeSpan.FromMinutes(10));

    /// <summary>
    /// Stock writes, one message per connection (each connection's writes one at a time, so eight connections
    /// write at once). Paced by the shop's write limit, a backlog takes minutes: a message writes for its budget,
    /// then a fresh one carries on behind the others queued meanwhile.
    /// </summary>
    public static readonly Lane Stock = new("stock", 8, TimeSpan.FromMinutes(1));

    /// <summary>AccountView's order states and orders to the shop: a few calls each, paced by the shop's write
    /// limit.</summary>
    public static readonly Lane OrdersBack = new("orders-back", 16, TimeSpan.FromMinutes(2));

    /// <summary>Connection probes after an outage: one light read each.</summary>
    public static readonly Lane Probes = new("probes", 4, TimeSpan.FromSeconds(30));
}
