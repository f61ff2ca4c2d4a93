using Prometheus;

namespace Relay.Api.Infrastructure.Telemetry;

/// <summary>
/// /metrics through prometheus-net (stable, 8.2.1), whose meter adapter publishes .NET Meters; OpenTelemetry's own
/// Prometheus exporter is served only as a beta (1.20.1-beta.1). So Relay's code knows only System.Diagnostics.Metrics
/// and either exporter can read it. The registry is this host's own, and holds this host's "Relay" meter only: no
/// process-wide defaults, no other library's instruments (those go out through OTLP when it is configured).
/// </summary>
public sealed class PrometheusExport : IDisposable
{
    private readonly IDisposable _adapter;

    public PrometheusExport(RelayMetrics metrics)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            // In 8.2.1 the options' MetricFactory defaults to the process-wide registry's and Registry alone is not
            // used: both are set, or the instruments land in a registry no route serves.
            Registry = Registry,
            MetricFactory = Metrics.WithCustomRegistry(Registry),
            InstrumentFilterPredicate = instrument => instrument.Meter == metrics.Meter,
            // A series not counted for this long is dropped (prometheus-net allows at most a day, default 5 minutes):
            // a connection quiet for hours keeps its counts; after a quiet day it starts again from 0, which
            // Prometheus's rate() and increase() take as a reset.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void Dispose() => _adapter.Dispose();
}
