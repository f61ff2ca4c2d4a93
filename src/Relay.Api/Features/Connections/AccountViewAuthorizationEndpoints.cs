using System.Security.Claims;
using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Tenants;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Connections;

/// <summary>
/// AccountView's authorisation-code flow (accountview-api.md §1.2): Relay gives the authorize URL, the
/// merchant consents at AccountView, AccountView redirects the browser to the callback with a code, and
/// Relay exchanges it for tokens and stores them.
/// </summary>
public static class AccountViewAuthorizationEndpoints
{
    public const string CallbackPath = "/accountview/callback";

    /// <summary>The rights Relay asks for (§1.2, Example 1).</summary>
    public const string Scope = "readaccountviewdata updateaccountviewdata";

    public static RouteGroupBuilder MapAccountViewAuthorizationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connections/{id}/accountview").WithTags("Connection setup");
        group.MapPost("/authorize", StartAsync)
            .WithName("AuthorizeAccountView")
            .WithSummary("Start authorising Relay for AccountView: answers the URL to open in a browser")
            .WithDescription($"The redirect URI is the callback {CallbackPath} under Relay:PublicBaseUrl unless one is given; it must be registered with the AccountView app. The URL is valid for 15 minutes.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>The callback is opened by the merchant's browser, coming from AccountView: no API key; the state is the proof.</summary>
    public static void MapAccountViewCallback(this IEndpointRouteBuilder routes) =>
        routes.MapGet(CallbackPath, CallbackAsync)
            .WithTags("Connection setup")
            .WithName("AccountViewCallback")
            .WithSummary("Where AccountView sends the browser back: exchanges the code for tokens and stores them")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status502BadGateway);

    public sealed record AuthorizeRequest([property: System.ComponentModel.DataAnnotations.Url] string? RedirectUri = null);

    public sealed record AuthorizeAnswer(string AuthorizeUrl, DateTimeOffset ExpiresAt);

    public sealed record CallbackAnswer(string ConnectionId, string Message);

    internal static async Task<Results<Ok<AuthorizeAnswer>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string id, AuthorizeRequest? request, ClaimsPrincipal user, IDocumentSession session, HttpContext http, IConfiguration configuration,
        TimeProvider clock, CancellationToken ct)
    {
        var connection = await session.LoadConnectionAsync(user, id, ct);
        if (connection is null) return Problems.NotFound($"There is no connection '{id}'.");
        if (connection.AccountView is not { } av) return Problems.Conflict("Set the connection's AccountView client id and secret first (PATCH the connection).");
        var redirectUri = request?.RedirectUri ?? ConnectionEndpoints.PublicBaseUrl(http, configuration) + CallbackPath;
        var state = new AuthorizationStateDocument
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), ConnectionId = id, RedirectUri = redirectUri,
            ExpiresAt = clock.GetUtcNow() + AuthorizationStateDocument.Lifetime,
        };
        session.Store(state);
        await session.SaveChangesAsync(ct);
        // §1.2: the authorize page lives on the AccountView host, beside the API.
        var url = $"{AccountViewAccess.Root(av.BaseUrl)}/ams/authorize.aspx?response_type=code" +
                  $"&client_id={Uri.EscapeDataString(av.ClientId)}" +
                  $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(Scope)}&state={state.Id}";
        return TypedResults.Ok(new AuthorizeAnswer(url, state.ExpiresAt));
    }

    internal static async Task<Results<Ok<CallbackAnswer>, ValidationProblem, ProblemHttpResult>> CallbackAsync(
        IDocumentSession session, AccountViewTokens tokens, TimeProvider clock, CancellationToken ct, string? code = null, string? state = null, string? error = null)
    {
        if (error is not null) return Problems.Invalid("error", $"AccountView did not grant access: {error}.");
        if (string.IsNullOrEmpty(code)) return Problems.Invalid("code", "AccountView sent no code.");
        var pending = string.IsNullOrEmpty(state) ? null : await session.LoadAsync<AuthorizationStateDocument>(state, ct);
        if (pending is null || pending.ExpiresAt < clock.GetUtcNow())
            return Problems.Invalid("state", "This authorisation is unknown or expired: start it again from Relay.");
        session.Delete(pending); // a state is used once
        await session.SaveChangesAsync(ct);
        var connection = await session.LoadAsync<ConnectionDocument>(pending.ConnectionId, ct);
        if (connection?.AccountViewAccess() is not { } access) return Problems.Invalid("state", "The connection of this authorisation no longer exists.");
        if (await tokens.ExchangeCodeAsync(access, code, pending.RedirectUri, ct) is { } refused)
            return Problems.Create(StatusCodes.Status502BadGateway, "AccountView refused the code", $"AccountView did not exchange the code ({refused}). Start the authorisation again.");
        return TypedResults.Ok(new CallbackAnswer(connection.Id, $"Relay is authorised for AccountView on connection '{connection.Id}'. You can close this window."));
    }
}
