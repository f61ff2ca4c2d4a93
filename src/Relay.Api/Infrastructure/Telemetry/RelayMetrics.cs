using System.Diagnostics;
using System.Diagnostics.Metrics;
using Relay.Domain.WorkItems;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>
/// Relay's own instruments, on the .NET Meter "Relay": whichever exporter reads them (/metrics, OTLP), the code
/// depends on none. Labels are the flow, the connection id, the lane and the other system's name, never anything
/// of a customer or a credential. With nobody listening an instrument costs a flag check.
/// </summary>
public sealed class RelayMetrics
{
    public const string MeterName = "Relay";

    private readonly Counter<long> _received;
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _skipped;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _outboundDuration;
    private readonly Counter<long> _outboundErrors;
    private readonly Counter<long> _rateLimitWaits;
    private readonly Histogram<double> _rateLimitWaitDuration;

    public RelayMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _received = Meter.CreateCounter<long>("work.received", "{item}",
            "Work handed to Relay: webhook deliveries stored, work found by polls and scans, replays");
        _succeeded = Meter.CreateCounter<long>("work.succeeded", "{item}", "Attempts that succeeded");
        _skipped = Meter.CreateCounter<long>("work.skipped", "{item}", "Attempts that ended skipped, with a reason");
        _failed = Meter.CreateCounter<long>("work.failed", "{item}", "Attempts that failed, for now or for good");
        _outboundDuration = Meter.CreateHistogram<double>("outbound.duration", "s",
            "Calls to CCV Shop and AccountView, retries included");
        _outboundErrors = Meter.CreateCounter<long>("outbound.errors", "{call}",
            "Calls to CCV Shop and AccountView that failed or were answered 429 or 5xx");
        _rateLimitWaits = Meter.CreateCounter<long>("ratelimit.waits", "{wait}",
            "Calls held back by a rate limit: waited in place, or deferred to the next window");
        _rateLimitWaitDuration = Meter.CreateHistogram<double>("ratelimit.wait.duration", "s",
            "How long calls waited in place for the rate limit's next window");
    }

    /// <summary>The meter, for the gauges that observe state (<see cref="QueueGauges"/>).</summary>
    public Meter Meter { get; }

    /// <summary>Whether anything reads the work counters: when not, nothing needs to be worked out for them.</summary>
    public bool CountsWork => _received.Enabled || _succeeded.Enabled || _skipped.Enabled || _failed.Enabled;

    public void Received(Flow flow, string connectionId) => _received.Add(1, Work(flow, connectionId));

    public void Finished(WorkStatus status, Flow flow, string connectionId)
    {
        var counter = status switch
        {
            WorkStatus.Succeeded => _succeeded,
            WorkStatus.Skipped => _skipped,
            WorkStatus.Failed => _failed,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an outcome."),
        };
        counter.Add(1, Work(flow, connectionId));
    }

    /// <param name="error">Null for a call answered below 429; else the status code or the kind of failure.</param>
    public void OutboundCall(string system, TimeSpan took, string? error)
    {
        _outboundDuration.Record(took.TotalSeconds, new TagList { { "system", system } });
        if (error is not null) _outboundErrors.Add(1, new TagList { { "system", system }, { "error", error } });
    }

    public void RateLimitWait(string system, TimeSpan? waited)
    {
        _rateLimitWaits.Add(1, new TagList { { "system", system }, { "how", waited is null ? "deferred" : "waited" } });
        if (waited is { } wait) _rateLimitWaitDuration.Record(wait.TotalSeconds, new TagList { { "system", system } });
    }

    private static TagList Work(Flow flow, string connectionId) =>
        new() { { "flow", FlowLabel(flow) }, { "connection", connectionId } };

    public static string FlowLabel(Flow flow) => FlowNames.Of(flow);
}
