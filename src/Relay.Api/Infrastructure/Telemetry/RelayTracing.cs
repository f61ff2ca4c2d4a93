using System.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>
/// What Relay traces and measures when an exporter is configured: the incoming request, Relay's own spans (a
/// delivery stored by the intake's group commit), Wolverine's handling of the work message, Marten's and Npgsql's
/// statements and every outbound HTTP call, all in the trace the webhook started.
/// </summary>
public static class RelayTracing
{
    public const string SourceName = "Relay";

    /// <summary>Relay's own spans. Without a listener StartActivity answers null and costs a flag check.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    public static TracerProviderBuilder AddRelayInstrumentation(this TracerProviderBuilder tracing) => tracing
        .AddSource(SourceName, "Wolverine", "Marten")
        .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsScrapeOrProbe(http.Request.Path))
        .AddHttpClientInstrumentation()
        .AddNpgsql();

    public static MeterProviderBuilder AddRelayInstrumentation(this MeterProviderBuilder metrics) => metrics
        .AddMeter(RelayMetrics.MeterName, "Wolverine", "Marten", "Npgsql")
        .AddAspNetCoreInstrumentation()
        .AddHttpClientInstrumentation()
        .AddRuntimeInstrumentation();

    /// <summary>A scrape every few seconds and the health probes would be most of the traces, and say
    /// nothing.</summary>
    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
