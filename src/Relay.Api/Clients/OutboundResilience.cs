using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Relay.Api.Clients;

/// <summary>
/// The resilience pipeline both clients use (Polly v8 through Microsoft.Extensions.Http.Resilience):
/// a total timeout, retries with exponential backoff and jitter that honour Retry-After, a circuit
/// breaker per target, and a timeout per attempt.
/// </summary>
public static class OutboundResilience
{
    /// <param name="beforeRetry">Runs before each retry is sent, e.g. to take a rate-limit slot for it.</param>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan attemptTimeout, TimeSpan totalTimeout, int maxRetries,
        Func<HttpRequestMessage, CancellationToken, ValueTask>? beforeRetry = null)
    {
        pipeline.AddTimeout(totalTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(65), // a CCV minute window, and then some
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
            OnRetry = args => beforeRetry is not null && args.Context.GetRequestMessage() is { } request
                ? beforeRetry(request, args.Context.CancellationToken)
                : ValueTask.CompletedTask,
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 8,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(30),
            // A 429 is the target protecting itself, not an outage.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests &&
                                                        HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        });
        pipeline.AddTimeout(attemptTimeout);
    }

    /// <summary>
    /// A 429 was refused before anything happened: always safe to send again. Other transient failures
    /// only for methods whose repetition cannot create a second record; a create (POST) that may have
    /// happened is re-checked by the caller instead (see AccountViewClient.CreateOnceAsync).
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests) return true;
        if (outcome.Exception is BrokenCircuitException) return false;
        var transient = HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Exception is TimeoutRejectedException;
        return transient && request is not null && request.Method != HttpMethod.Post;
    }
}
