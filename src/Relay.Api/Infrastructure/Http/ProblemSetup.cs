using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Relay.Api.Infrastructure.Http;

public static partial class ProblemSetup
{
    /// <summary>Every non-2xx answer is problem+json; unexpected exceptions become a 500 without internals.</summary>
    public static IServiceCollection AddRelayHttp(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddValidation();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is BadHttpRequestException bad)
            {
                http.Response.StatusCode = bad.StatusCode;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
                });
            }
            LogUnhandled(logger, http.Request.Method, http.Request.Path.Value ?? "", exception);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = 500, Title = "Unexpected error", Detail = $"The error is logged with trace id {http.TraceIdentifier}." },
            });
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
        private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);
    }
}
