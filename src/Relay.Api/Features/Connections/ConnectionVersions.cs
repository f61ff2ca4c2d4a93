using JasperFx;
using Marten;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Connections;

/// <summary>
/// Optimistic concurrency for a connection and its settings. A GET about one connection carries its version as an ETag
/// (read before the answer, so it is never newer than what the answer shows). A change sent with If-Match is refused
/// with 412 when the connection is no longer at that version: checked when the handler loads the connection, and
/// Marten's version check covers the rest up to the save. A change without If-Match is made, on the newest version
/// (tried again when another save came in between).
/// </summary>
public static class ConnectionVersions
{
    private const int Attempts = 30;

    /// <summary>
    /// The If-Match of the request being handled, for <see cref="Caller.LoadConnectionAsync"/>. Held in a box that is
    /// emptied when the request ends (as IHttpContextAccessor does): work a request starts in the background keeps
    /// the box,
    /// and must not keep the version.
    /// </summary>
    private static readonly AsyncLocal<Box?> Expected = new();

    private sealed class Box
    {
        public string? Value;
    }

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context,
        EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api/connections")
            || http.Request.RouteValues["id"] is not string id)
            return await next(context);
        if (HttpMethods.IsGet(http.Request.Method))
        {
            // Only the connection and its settings carry a version: no extra read for every other GET about it.
            var path = http.Request.Path.Value!.TrimEnd('/');
            if (!path.EndsWith($"/connections/{id}", StringComparison.Ordinal)
                && !path.EndsWith("/settings", StringComparison.Ordinal))
                return await next(context);
            var version = await VersionAsync(http, id);
            var answer = await next(context);
            if (version is not null) http.Response.Headers.ETag = version;
            return answer;
        }
        if (http.Request.Headers.IfMatch.ToString() is { Length: > 0 } expected)
        {
            if (await VersionAsync(http, id) is { } current && !Matches(expected, current)) return Stale(expected);
            var box = new Box { Value = expected };
            Expected.Value = box;
            try
            {
                return await next(context);
            }
            finally
            {
                box.Value = null;
            }
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                // Saved by someone else between this request's load and its save: apply the change to the newer
                // version.
                http.RequestServices.GetRequiredService<IDocumentSession>().EjectAllPendingChanges();
                await Features.WorkItems.WorkStreams.PauseAfterLostRaceAsync(attempt, http.RequestAborted);
            }
        }
    }

    /// <summary>Whether the connection a handler just loaded is still at the version the request's If-Match
    /// names.</summary>
    internal static async Task<bool> StillExpectedAsync(IQuerySession session, ConnectionDocument connection,
        CancellationToken ct)
    {
        if (Expected.Value?.Value is not { } expected) return true;
        var metadata = await session.MetadataForAsync(connection, ct);
        return metadata is null || Matches(expected, Tag(metadata.CurrentVersion));
    }

    /// <summary>
    /// A change made from a page (the dashboard's) that showed the connection at <paramref name="expected"/>: as with
    /// If-Match, the handler refuses it with 412 when the connection changed since, and a save that lost the race
    /// is refused the same way, so nobody's change is overwritten unseen. Without a version the change is made.
    /// </summary>
    public static async Task<IResult> ChangeAtAsync<T>(string? expected, Func<Task<T>> change) where T : IResult
    {
        var box = new Box { Value = string.IsNullOrWhiteSpace(expected) ? null : expected };
        Expected.Value = box;
        try
        {
            return await change();
        }
        catch (ProblemHttpResultException stale)
        {
            return stale.Result;
        }
        catch (ConcurrencyException)
        {
            return Stale(expected ?? "");
        }
        finally
        {
            box.Value = null;
        }
    }

    /// <summary>The connection's version as its ETag, for a page to carry in its forms; null when the caller does not
    /// see it.</summary>
    public static Task<string?> VersionOfAsync(HttpContext http, string id) => VersionAsync(http, id);

    internal static ProblemHttpResultException StaleException() => new(Stale(Expected.Value?.Value ?? ""));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Stale(string expected) =>
        Problems.Create(StatusCodes.Status412PreconditionFailed, "The connection changed meanwhile",
            $"If-Match {expected} is not the connection's version any more: read it again, then send the change.");

    private static bool Matches(string ifMatch, string current) =>
        ifMatch.Trim() == "*" || ifMatch.Split(',').Any(tag => tag.Trim().TrimStart('W', '/') == current);

    private static string Tag(Guid version) => $"\"{version:N}\"";

    /// <summary>The version as an ETag; null when there is no such connection (for this caller).</summary>
    private static async Task<string?> VersionAsync(HttpContext http, string id)
    {
        await using var fresh = http.RequestServices.GetRequiredService<IDocumentStore>().QuerySession();
        if (await fresh.LoadAsync<ConnectionDocument>(id, http.RequestAborted) is not { } connection
            || !http.User.Sees(connection.TenantId))
            return null;
        return await fresh.MetadataForAsync(connection, http.RequestAborted) is { } metadata
            ? Tag(metadata.CurrentVersion) : null;
    }
}

/// <summary>An answer decided deep in a call (a stale If-Match found when loading): the exception handler writes
/// it.</summary>
public sealed class ProblemHttpResultException(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult result)
    : Exception(result.ProblemDetails.Title)
{
    public Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Result { get; } = result;
}
