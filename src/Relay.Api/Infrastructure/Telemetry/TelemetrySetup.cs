using Marten;
using OpenTelemetry;
using OpenTelemetry.Resources;
using Prometheus;
using Relay.Api.Features.Tenants;

namespace Relay.Api.Infrastructure.Telemetry;

public static class TelemetrySetup
{
    /// <summary>The standard variable of the OpenTelemetry SDKs: set, Relay exports traces and metrics to it.</summary>
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Relay's metrics (always counted; served on /metrics unless Relay:Telemetry:Metrics is false) and, when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set, OpenTelemetry's tracing and metrics exported over OTLP. Without it no
    /// tracer provider exists: no listener samples the intake's activities, which then cost nothing.
    /// </summary>
    public static WebApplicationBuilder AddRelayTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        builder.Services.AddSingleton<RelayMetrics>();
        builder.Services.AddSingleton<PrometheusExport>();
        builder.Services.AddSingleton<QueueGauges>();
        builder.Services.AddHostedService<QueueSampler>();
        builder.Services.AddSingleton<IConfigureMarten, TelemetryOnEvents>();
        if (ExportsOtlp(builder.Configuration)) builder.Services.AddRelayOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    public static bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);

    /// <summary>The OpenTelemetry SDK with Relay's sources and meters; the exporter is the caller's (OTLP, or a test's
    /// in-memory one). The service name follows OTEL_SERVICE_NAME, "relay" when unset.</summary>
    public static OpenTelemetryBuilder AddRelayOpenTelemetry(this IServiceCollection services) => services
        .AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("relay"))
        .WithTracing(tracing => tracing.AddRelayInstrumentation())
        .WithMetrics(metrics => metrics.AddRelayInstrumentation());

    /// <summary>/metrics in Prometheus text format; with Relay:Telemetry:MetricsRequireKey, for the operator's
    /// key.</summary>
    public static IEndpointConventionBuilder? MapRelayMetrics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        if (!options.Metrics) return null;
        var route = app.MapMetrics("/metrics", app.Services.GetRequiredService<PrometheusExport>().Registry)
            .WithName("ScrapeMetrics").WithDisplayName("Prometheus metrics").ExcludeFromDescription();
        return options.MetricsRequireKey ? route.RequireAuthorization(Caller.OperatorPolicy) : route.AllowAnonymous();
    }

    /// <summary>The Marten listeners: trace ids on the events, the work counted when it is committed.</summary>
    private sealed class TelemetryOnEvents(RelayMetrics metrics) : IConfigureMarten
    {
        public void Configure(IServiceProvider services, StoreOptions options)
        {
            options.Listeners.Add(new EventTraces());
            options.Listeners.Add(new WorkCounts(metrics));
        }
    }
}
