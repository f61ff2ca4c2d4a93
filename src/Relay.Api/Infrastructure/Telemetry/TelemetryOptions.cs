namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>Relay:Telemetry. Traces and OTLP follow the standard OTEL_* variables (see the README).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Relay:Telemetry";

    /// <summary>Serve /metrics (Prometheus text format). On by default: counting costs a few additions per
    /// item.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Whether /metrics asks for the operator's key (X-Api-Key with Relay:Admin:ApiKey). Off by default, as
    /// Prometheus scrapes without one; the labels hold connection ids and flows, nothing of customers or secrets.
    /// </summary>
    public bool MetricsRequireKey { get; set; }
}
