using System.Collections.Concurrent;

namespace Relay.Api.Features.Customers;

/// <summary>
/// One customer's debtor is looked up and created by one unit of work at a time, whichever flow it is
/// (an order, or the customer flow): otherwise two could each find none and create one. One daemon node
/// processes at a time (HotCold), so a lock per customer in this process is enough.
/// </summary>
public sealed class CustomerLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> HoldAsync(string connectionId, string email, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd($"{connectionId}|{email.Trim().ToLowerInvariant()}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }
}
