using Relay.Api.Infrastructure.Processing;
using Wolverine;

namespace Relay.Api.Features.Customers;

/// <summary>Run a customer's pending work (on the customers lane).</summary>
public sealed record CustomerWork(string Key, DateTimeOffset? RetryOf = null) : IWorkMessage;

public static class CustomerWorkHandler
{
    public static Task Handle(CustomerWork work, WorkAttempts attempts, CustomerProcessor customers,
        IMessageContext context, CancellationToken ct) =>
        attempts.RunAsync(work, Lanes.Customers, customers, context, ct);
}
