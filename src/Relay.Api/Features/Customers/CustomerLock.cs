namespace Relay.Api.Features.Customers;

/// <summary>
/// One customer's debtor is looked up and created by one unit of work at a time, whichever flow it is (an
/// order, or the customer flow) and whichever replica runs it: otherwise two could each find none and create
/// one. The lock is a cluster lock (Infrastructure/Processing/ClusterLocks) with this name.
/// </summary>
public static class CustomerLock
{
    public static string Name(string connectionId, string email) =>
        $"customer:{connectionId}:{email.Trim().ToLowerInvariant()}";
}
