using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Relay.Api.Infrastructure.Telemetry;

namespace Relay.Api.Tests.Telemetry;

/// <summary>OTLP is exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set; without it no tracer provider listens
/// (so the intake's activities are never created).</summary>
public sealed class RegisteringExporters
{
    [Fact]
    public void Without_an_OTLP_endpoint_no_tracer_provider_and_no_exporter_is_registered()
    {
        var services = Registered(endpoint: null);

        services.ShouldNotContain(d => d.ServiceType == typeof(TracerProvider));
        services.ShouldNotContain(d => FromOtlp(d));
    }

    [Fact]
    public void With_an_OTLP_endpoint_traces_and_metrics_are_exported_over_OTLP()
    {
        var services = Registered(endpoint: "http://collector.example:4317");

        services.ShouldContain(d => d.ServiceType == typeof(TracerProvider));
        services.ShouldContain(d => FromOtlp(d));
        using var provider = services.BuildServiceProvider();
        provider.GetService<TracerProvider>().ShouldNotBeNull();
    }

    private static IServiceCollection Registered(string? endpoint)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration[TelemetrySetup.OtlpEndpoint] = endpoint;
        builder.AddRelayTelemetry();
        return builder.Services;
    }

    /// <summary>A registration made by the OTLP exporter's package (its options, its processors).</summary>
    private static bool FromOtlp(ServiceDescriptor d)
    {
        var otlp = typeof(OtlpExporterOptions).Assembly;
        return d.ServiceType.Assembly == otlp || d.ServiceType.GenericTypeArguments.Any(t => t.Assembly == otlp)
            || (!d.IsKeyedService && d.ImplementationType?.Assembly == otlp);
    }
}
