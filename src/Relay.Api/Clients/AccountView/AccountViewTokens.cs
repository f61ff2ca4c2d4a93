using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using JasperFx;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Relay.Api.Infrastructure.Caching;

namespace Relay.Api.Clients.AccountView;

/// <summary>
/// Access tokens for every connection: refreshed shortly before they expire and when AccountView says
/// 401, one refresh at a time per connection (no stampede), the rotated refresh token persisted at once.
/// Tokens never reach a log.
/// </summary>
public sealed partial class AccountViewTokens(
    IHttpClientFactory clients, IDocumentStore store, TimeProvider clock, AccountViewClientOptions options,
    ILogger<AccountViewTokens> logger, [FromKeyedServices(RelayMemory.Key)] IMemoryCache memory,
    SystemContacts contacts)
{
    public const string HttpClientName = "accountview-token";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    /// <summary>Stores the first refresh token of a connection (from the authorisation or the setup).</summary>
    public async Task SaveRefreshTokenAsync(string connectionId, string refreshToken, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var document = await session.LoadAsync<AccountViewTokenDocument>(connectionId, ct);
        if (document is null)
            session.Insert(new AccountViewTokenDocument { Id = connectionId, RefreshToken = refreshToken, UpdatedAt = clock.GetUtcNow() });
        else
        {
            document.RefreshToken = refreshToken;
            document.AccessToken = null;
            document.AccessTokenExpiresAt = null;
            document.UpdatedAt = clock.GetUtcNow();
            session.Update(document);
        }
        await session.SaveChangesAsync(ct);
        memory.Remove(KeyOf(connectionId));
    }

    /// <summary>Whether Relay has been authorised for AccountView on this connection.</summary>
    public async Task<bool> HasRefreshTokenAsync(string connectionId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<AccountViewTokenDocument>(connectionId, ct) is not null;
    }

    /// <summary>The rights the newest token was granted, if AccountView said (§1.2: scope).</summary>
    public async Task<string?> GetScopeAsync(string connectionId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<AccountViewTokenDocument>(connectionId, ct))?.Scope;
    }

    /// <param name="rejected">An access token AccountView just refused: get a newer one than that.</param>
    public async Task<string> GetAccessTokenAsync(AccountViewAccess access, string? rejected, CancellationToken ct)
    {
        if (Usable(access.ConnectionId, rejected) is { } cached) return cached;
        var gate = _locks.GetOrAdd(access.ConnectionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (Usable(access.ConnectionId, rejected) is { } fresh) return fresh;
            return await RefreshAsync(access, rejected, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private string? Usable(string connectionId, string? rejected) =>
        memory.TryGetValue(KeyOf(connectionId), out (string Token, DateTimeOffset ExpiresAt) t) && t.Token != rejected
        && t.ExpiresAt - options.RefreshMargin > clock.GetUtcNow() ? t.Token : null;

    // Kept until it is due for refresh: past that it is never handed out, so it need not be held.
    private void Keep(string connectionId, string token, DateTimeOffset expiresAt) =>
        memory.Remember(KeyOf(connectionId), (token, expiresAt), expiresAt - options.RefreshMargin);

    private static (string, string) KeyOf(string connectionId) => (nameof(AccountViewTokens), connectionId);

    private async Task<string> RefreshAsync(AccountViewAccess access, string? rejected, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var document = await session.LoadAsync<AccountViewTokenDocument>(access.ConnectionId, ct)
                           ?? throw new AccountViewAuthorizationException("Relay has not been authorised for AccountView on this connection yet.");
            // Another replica may have stored a newer access token.
            if (document.AccessToken is { } stored && stored != rejected && document.AccessTokenExpiresAt - options.RefreshMargin > clock.GetUtcNow())
            {
                Keep(access.ConnectionId, stored, document.AccessTokenExpiresAt!.Value);
                return stored;
            }

            var (answer, error) = await CallTokenEndpointAsync(access, document.RefreshToken, ct);
            if (answer is null)
            {
                // invalid_grant: perhaps another replica rotated the token a moment ago; look once more.
                if (attempt < 2 && error == "invalid_grant") continue;
                var refusal = error == "invalid_client"
                    ? "AccountView does not accept Relay's client id and secret."
                    : "The AccountView authorisation has expired or was revoked: authorise Relay for AccountView "
                      + "again.";
                await contacts.RefusedAsync(SystemContacts.AccountViewId(access.ConnectionId), refusal);
                throw new AccountViewAuthorizationException(refusal);
            }

            var expiresAt = clock.GetUtcNow() + (answer["expires_in"] is { } e ? TimeSpan.FromSeconds((double)e) : options.AssumedTokenLifetime);
            document.AccessToken = answer["access_token"]!.ToString();
            document.AccessTokenExpiresAt = expiresAt;
            document.RefreshToken = answer["refresh_token"]?.ToString() ?? document.RefreshToken;
            document.Scope = answer["scope"]?.ToString();
            document.UpdatedAt = clock.GetUtcNow();
            session.Update(document);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException)
            {
                // A replica stored its refresh first; ours is valid too but theirs is what is kept.
                LogRaced(logger, access.ConnectionId);
            }
            LogRefreshed(logger, access.ConnectionId);
            Keep(access.ConnectionId, document.AccessToken, expiresAt);
            return document.AccessToken;
        }
    }

    /// <summary>
    /// The authorisation-code grant (§1.2): the code AccountView sent back to the callback is exchanged for
    /// tokens, which are stored at once. The code is URL-decoded already (S6: "Code grant needs to be URL decoded").
    /// </summary>
    /// <returns>null when the tokens are stored; else AccountView's reason for refusing the code.</returns>
    public async Task<string?> ExchangeCodeAsync(AccountViewAccess access, string code, string redirectUri, CancellationToken ct)
    {
        var (answer, error) = await CallTokenEndpointAsync(access, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri,
        }, ct);
        if (answer?["refresh_token"]?.ToString() is not { Length: > 0 } refreshToken) return error ?? "AccountView answered without a refresh token.";
        await SaveRefreshTokenAsync(access.ConnectionId, refreshToken, ct); // the access token is fetched when first needed
        return null;
    }

    private Task<(JsonObject? Answer, string? Error)> CallTokenEndpointAsync(AccountViewAccess access, string refreshToken, CancellationToken ct) =>
        CallTokenEndpointAsync(access, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct);

    private async Task<(JsonObject? Answer, string? Error)> CallTokenEndpointAsync(AccountViewAccess access, Dictionary<string, string> grant, CancellationToken ct)
    {
        // Form-encoded, client credentials in the body (§1.2).
        grant["client_id"] = access.ClientId;
        grant["client_secret"] = access.ClientSecret;
        using var content = new FormUrlEncodedContent(grant);
        var contact = SystemContacts.AccountViewId(access.ConnectionId);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).PostAsync($"{access.ApiBase}/token", content, ct);
        }
        catch (Exception e) when (e is HttpRequestException
                                      || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            await contacts.NotAnsweringAsync(contact,
                $"AccountView's token endpoint did not answer ({e.GetType().Name}).");
            throw;
        }
        using var answered = response;
        if (response.StatusCode is >= HttpStatusCode.InternalServerError)
        {
            await contacts.NotAnsweringAsync(contact,
                $"AccountView's token endpoint answered {(int)response.StatusCode}.");
            throw new AccountViewException((int)response.StatusCode, "TokenError", "The AccountView token endpoint is not available.");
        }
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        if (response.IsSuccessStatusCode) return (body, null);
        return (null, body?["error"]?.ToString() ?? "invalid_grant");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AccountView access token refreshed for connection {ConnectionId}")]
    private static partial void LogRefreshed(ILogger logger, string connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another replica stored AccountView tokens for connection {ConnectionId} first")]
    private static partial void LogRaced(ILogger logger, string connectionId);
}
