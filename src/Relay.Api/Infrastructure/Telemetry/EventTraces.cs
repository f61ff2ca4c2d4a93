using System.Diagnostics;
using JasperFx.Events;
using Marten;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>
/// The trace id on the audit trail: each event is stored with the id of the trace it was written in (a Marten event
/// header), so an entry of a work item's events leads to the trace of the webhook, the attempt and its calls. Only a
/// trace that is recorded (sampled for an exporter) is named; with tracing off nothing is added to the events.
/// </summary>
public sealed class EventTraces : DocumentSessionListenerBase
{
    public const string Header = "trace-id";

    /// <summary>Names the trace on one event (the intake's batch holds deliveries of many traces).</summary>
    public static void Stamp(IEvent e, Activity? activity)
    {
        if (activity is { Recorded: true }) e.SetHeader(Header, activity.TraceId.ToHexString());
    }

    public static string? TraceIdOf(IEvent e) => e.Headers is { } headers && headers.TryGetValue(Header, out var id)
        ? id?.ToString() : null;

    /// <summary>Events appended under the current activity (an attempt, an admin request) carry its trace.</summary>
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is not { Recorded: true } current) return Task.CompletedTask;
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
            if (TraceIdOf(e) is null) Stamp(e, current);
        return Task.CompletedTask;
    }
}
