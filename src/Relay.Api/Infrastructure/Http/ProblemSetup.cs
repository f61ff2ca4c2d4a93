using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Relay.Api.Infrastructure.Http;

public static partial class ProblemSetup
{
    /// <summary>
    /// Every non-2xx answer is problem+json; unexpected exceptions become a 500 without internals. Bodies are read
    /// strictly: an unknown member or an enum given as a number is a 400 naming it, never ignored.
    /// </summary>
    public static IServiceCollection AddRelayHttp(this IServiceCollection services)
    {
        // Validation names members as .NET does (CcvShop.BaseUrl); the JSON names them ccvShop.baseUrl: one spelling.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails is not HttpValidationProblemDetails validation) return;
            foreach (var key in validation.Errors.Keys.ToList())
                if (JsonPath(key) is var path && path != key && !validation.Errors.ContainsKey(path))
                {
                    validation.Errors[path] = validation.Errors[key];
                    validation.Errors.Remove(key);
                }
        });
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddValidation();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // null where the contract says a value, a constructor member left out, a member given twice: 400s, not
            // surprises.
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.AllowDuplicateProperties = false;
            // A PUT replaces a whole document: every member of a settings document is required in a body (HTTP
            // only; the
            // stored documents keep their defaults for members added later).
            o.SerializerOptions.TypeInfoResolver =
                new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
            {
                Modifiers = { WholeDocuments.RequireEveryMember },
            };
        });
        // Bad bodies throw in every environment, so the handler below answers them alike (not an empty 400 outside
        // Development).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.TryAddSingleton(TimeProvider.System);
        // Kestrel would answer a long request line itself, with an empty 414: it lets it through, and Relay answers it.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestLineSize = 4 * MaxQuery);
        return services;
    }

    /// <summary>Each PascalCase segment camelCased (CcvShop.BaseUrl → ccvShop.baseUrl); AccountView names (ACCT_NR)
    /// stay.</summary>
    private static string JsonPath(string key) => string.Join('.', key.Split('.').Select(Camel));

    private static string Camel(string segment) =>
        segment.Length > 1 && char.IsUpper(segment[0]) && char.IsLower(segment[1])
            ? char.ToLowerInvariant(segment[0]) + segment[1..] : segment;

    /// <summary>The longest query string Relay reads (every real one is far shorter).</summary>
    public const int MaxQuery = 8 * 1024;

    /// <summary>Errors as problem+json: exceptions, empty status answers (404, 405), and a query string too long
    /// (414).</summary>
    public static WebApplication UseRelayProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(async (http, next) =>
        {
            if (http.Request.QueryString.Value?.Length > MaxQuery)
            {
                http.Response.StatusCode = StatusCodes.Status414UriTooLong;
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 414, Title = "The query string is too long",
                        Detail = $"At most {MaxQuery} characters." },
                });
                return;
            }
            await next(http);
        });
        return app;
    }

    private sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (exception is BadHttpRequestException { StatusCode: 400 } body
                && JsonBodyProblems.Describe(body) is { Count: > 0 } fields)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(
                        fields.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Reason).ToArray()))
                    {
                        Status = 400, Title = "The body is not what this route takes", Detail = "Nothing was changed.",
                    },
                });
            }
            if (exception is BadHttpRequestException bad)
            {
                http.Response.StatusCode = bad.StatusCode;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
                });
            }
            if (Clients.OutboundFailure.Is(exception, http.RequestAborted))
            {
                // The other system failed or refused, not Relay: a 502 naming it and its own message.
                http.Response.StatusCode = StatusCodes.Status502BadGateway;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                        { Status = 502, Title = $"{Clients.OutboundFailure.SystemOf(exception)} failed",
                            Detail = Clients.OutboundFailure.Describe(exception) },
                });
            }
            if (exception is Features.Connections.ProblemHttpResultException decided)
            {
                await decided.Result.ExecuteAsync(http);
                return true;
            }
            if (exception is JasperFx.ConcurrencyException)
            {
                // A connection saved by someone else between this request's read and its write.
                var status = http.Request.Headers.IfMatch.Count > 0 ? StatusCodes.Status412PreconditionFailed
                    : StatusCodes.Status409Conflict;
                http.Response.StatusCode = status;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = status, Title = "Changed by someone else at the same moment",
                        Detail = "Nothing was changed: read it again and send the change again." },
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
