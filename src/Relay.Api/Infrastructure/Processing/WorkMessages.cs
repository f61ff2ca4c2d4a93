using Relay.Api.Features.Customers;
using Relay.Api.Features.Orders;
using Relay.Api.Features.OrdersFromAccountView;
using Relay.Api.Features.OrderStatus;
using Relay.Api.Features.Products;
using Relay.Domain.WorkItems;

namespace Relay.Api.Infrastructure.Processing;

/// <summary>A unit of work to run: a work item's key. Each flow has its own message type, and so its own
/// lane.</summary>
public interface IWorkMessage
{
    string Key { get; }

    /// <summary>
    /// For a scheduled retry: the next-attempt time it was scheduled for. When the item no longer waits for that
    /// time (it was replayed, retried at once after an outage, or is failing for good), the retry is stale and does
    /// nothing.
    /// </summary>
    DateTimeOffset? RetryOf { get; }
}

public static class WorkMessages
{
    /// <summary>The message that runs a key's work, on its flow's lane; null for stock, which has a writer of its
    /// own.</summary>
    public static IWorkMessage? For(string key, DateTimeOffset? retryOf = null) => WorkKey.Parse(key).Kind switch
    {
        WorkKind.Order => new OrderWork(key, retryOf),
        WorkKind.Product or WorkKind.Category or WorkKind.Article => new CatalogueWork(key, retryOf),
        WorkKind.Customer => new CustomerWork(key, retryOf),
        WorkKind.Stock => null,
        WorkKind.OrderStatus => new OrderStatusWork(key, retryOf),
        WorkKind.SalesOrder => new SalesOrderWork(key, retryOf),
        var kind => throw new ArgumentOutOfRangeException(nameof(key), kind, "Not a kind of work."),
    };
}
