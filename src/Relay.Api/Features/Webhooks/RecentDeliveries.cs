using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Infrastructure.Caching;
using Relay.Domain.WorkItems;

namespace Relay.Api.Features.Webhooks;

/// <summary>
/// The deliveries of each work item this process has lately stored or found stored, so a repeated delivery (CCV
/// retries, a burst of the same status) is answered without a read. Only what a commit showed is remembered, and a
/// work item's deliveries only grow, so a delivery known here is stored; one not known here is looked up.
/// </summary>
internal sealed class RecentDeliveries([FromKeyedServices(RelayMemory.Key)] IMemoryCache memory, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public bool Knows(ReceiveWebhook command) =>
        memory.TryGetValue(CacheKey(command.Key), out IReadOnlyList<string>? seen)
        && WebhookIntake.WasReceived(seen!, command);

    public void Remember(WorkItem item) =>
        memory.Remember(CacheKey(item.Id), item.SeenDeliveries, clock.GetUtcNow() + Lifetime, CacheItemPriority.Low);

    private static (string, string) CacheKey(string key) => ("deliveries", key);
}
