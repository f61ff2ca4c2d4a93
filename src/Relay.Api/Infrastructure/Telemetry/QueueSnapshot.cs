using Relay.Api.Infrastructure.Processing;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>The work engine's figures per lane at one moment (see <see cref="QueueGauges"/>).</summary>
public sealed record QueueSnapshot(
    IReadOnlyDictionary<string, long> Ready,
    IReadOnlyDictionary<string, long> Scheduled,
    IReadOnlyDictionary<string, long> OldestSeconds,
    long DeadLetters)
{
    public static readonly string[] LaneNames =
        [Lanes.Orders.Name, Lanes.Catalogue.Name, Lanes.Customers.Name, Lanes.Stock.Name, Lanes.Probes.Name];

    public static readonly QueueSnapshot Empty = new(
        new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, long>(), 0);
}
