using Relay.Api.Infrastructure.Processing;
using Wolverine;

namespace Relay.Api.Features.OrdersFromAccountView;

/// <summary>Create a sales order entered in AccountView in the shop (on the orders-back lane).</summary>
public sealed record SalesOrderWork(string Key, DateTimeOffset? RetryOf = null) : IWorkMessage;

public static class SalesOrderWorkHandler
{
    public static Task Handle(SalesOrderWork work, WorkAttempts attempts, SalesOrderProcessor processor,
        IMessageContext context, CancellationToken ct) =>
        attempts.RunAsync(work, Lanes.OrdersBack, processor, context, ct);
}
