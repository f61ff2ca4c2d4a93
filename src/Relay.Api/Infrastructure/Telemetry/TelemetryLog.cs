namespace Relay.Api.Infrastructure.Telemetry;

internal static partial class TelemetryLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The work engine's gauges could not be read")]
    public static partial void SampleFailed(ILogger logger, Exception exception);
}
