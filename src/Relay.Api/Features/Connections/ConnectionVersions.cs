using Marten;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Connections;

/// <summary>
/// Optimistic concurrency for a connection and its settings: every answer about one connection carries its version as an
/// ETag, and a change sent with If-Match is refused with 412 when the connection changed since. Without If-Match the change
/// is made (scripts stay simple); two writers that saved at the same moment are told by Marten's version check (409).
/// </summary>
public static class ConnectionVersions
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api/connections") || http.Request.RouteValues["id"] is not string id)
            return await next(context);
        var session = http.RequestServices.GetRequiredService<IQuerySession>();
        if (!HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.IfMatch.ToString() is { Length: > 0 } expected
            && await VersionAsync(session, http, id) is { } current && !Matches(expected, current))
            return Problems.Create(StatusCodes.Status412PreconditionFailed, "The connection changed meanwhile",
                $"If-Match {expected} is not the connection's version ({current}) any more: read it again, then send the change.");
        var result = await next(context);
        if (http.Response.StatusCode < 300 && result is not Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult
            && await VersionAsync(session, http, id) is { } after)
            http.Response.Headers.ETag = after;
        return result;
    }

    private static bool Matches(string ifMatch, string current) =>
        ifMatch.Trim() == "*" || ifMatch.Split(',').Any(tag => tag.Trim().TrimStart('W', '/') == current);

    /// <summary>The version as an ETag; null when there is no such connection (for this caller).</summary>
    private static async Task<string?> VersionAsync(IQuerySession session, HttpContext http, string id)
    {
        await using var fresh = session.DocumentStore.QuerySession(); // the request's own session may hold an older copy
        if (await fresh.LoadConnectionAsync(http.User, id, http.RequestAborted) is not { } connection) return null;
        var metadata = await fresh.MetadataForAsync(connection, http.RequestAborted);
        return metadata is null ? null : $"\"{metadata.CurrentVersion:N}\"";
    }
}
