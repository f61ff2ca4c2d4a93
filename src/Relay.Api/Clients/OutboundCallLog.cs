using System.Diagnostics;

namespace Relay.Api.Clients;

/// <summary>
/// One Debug line per outbound call (method, host, status, milliseconds), around the resilience pipeline, so retries
/// inside it count as one call. The path and query are left out: they can carry an e-mail address (a debtor look-up).
/// HttpClient's and Polly's own Information lines are switched off in appsettings.json.
/// </summary>
/// <param name="client">The named client: tells which system a failure came from, for the 502 a route answers.</param>
public sealed partial class OutboundCallLog(ILogger<OutboundCallLog> logger, string client) : DelegatingHandler
{
    public const string SystemKey = "Relay.System";

    /// <summary>Which system a named client reaches.</summary>
    public static string SystemOf(string client) =>
        client.StartsWith("ccvshop", StringComparison.Ordinal) ? "CCV Shop"
        : client.StartsWith("accountview", StringComparison.Ordinal) ? "AccountView" : "The other system";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var host = request.RequestUri?.Authority ?? "";
        try
        {
            var response = await base.SendAsync(request, ct);
            Called(logger, request.Method.Method, host, (int)response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e)
            when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
                                      or Polly.CircuitBreaker.BrokenCircuitException)
        {
            Failed(logger, request.Method.Method, host, e.GetType().Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            e.Data[SystemKey] = SystemOf(client);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Host} answered {Status} in {Milliseconds:0} ms")]
    private static partial void Called(ILogger logger, string method, string host, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Host} failed ({Error}) after {Milliseconds:0} ms")]
    private static partial void Failed(ILogger logger, string method, string host, string error, double milliseconds);
}
