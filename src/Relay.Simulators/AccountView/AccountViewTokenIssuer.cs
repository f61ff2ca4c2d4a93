using System.Security.Cryptography;

namespace Relay.Simulators.AccountView;

/// <summary>OAuth 2.0 as accountview-api.md §1.2: authorization codes, access tokens that expire, rotating refresh tokens.</summary>
public sealed class AccountViewTokenIssuer(AccountViewOptions options, TimeProvider clock)
{
    public const string AllScopes = "readaccountviewdata updateaccountviewdata deleteaccountviewdata";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string RedirectUri, string Scope)> _codes = [];
    private readonly Dictionary<string, (DateTimeOffset Expires, string Scope)> _access = [];
    private readonly Dictionary<string, string> _refresh = []; // refresh token → scope

    public int RefreshCount { get; private set; }

    public string IssueCode(string redirectUri, string scope)
    {
        lock (_gate)
        {
            var code = NewToken();
            _codes[code] = (redirectUri, scope);
            return code;
        }
    }

    public TokenAnswer? ExchangeCode(string code, string? redirectUri)
    {
        lock (_gate)
        {
            if (!_codes.Remove(code, out var issued) || (redirectUri is not null && redirectUri != issued.RedirectUri)) return null;
            return Issue(issued.Scope);
        }
    }

    public TokenAnswer? Refresh(string refreshToken)
    {
        lock (_gate)
        {
            if (!_refresh.TryGetValue(refreshToken, out var scope)) return null;
            if (options.RotateRefreshTokens) _refresh.Remove(refreshToken);
            RefreshCount++;
            var answer = Issue(scope);
            return options.RotateRefreshTokens ? answer : answer with { RefreshToken = refreshToken };
        }
    }

    /// <summary>A refresh token for tests and the sandbox, as if a user had authorised Relay.</summary>
    public string IssueRefreshToken(string scope = AllScopes)
    {
        lock (_gate)
        {
            var token = NewToken();
            _refresh[token] = scope;
            return token;
        }
    }

    /// <returns>The scope of a valid access token, or null when it is unknown or expired.</returns>
    public string? Validate(string accessToken)
    {
        lock (_gate)
            return _access.TryGetValue(accessToken, out var a) && a.Expires > clock.GetUtcNow() ? a.Scope : null;
    }

    /// <summary>Every access token stops working at once (the token-expiry fault).</summary>
    public void ExpireAccessTokens()
    {
        lock (_gate) _access.Clear();
    }

    public void RevokeRefreshTokens()
    {
        lock (_gate) _refresh.Clear();
    }

    private TokenAnswer Issue(string scope)
    {
        var access = NewToken();
        var refresh = NewToken();
        _access[access] = (clock.GetUtcNow() + options.AccessTokenLifetime, scope);
        _refresh[refresh] = scope;
        return new TokenAnswer(access, refresh, (int)options.AccessTokenLifetime.TotalSeconds, scope);
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}

public sealed record TokenAnswer(string AccessToken, string RefreshToken, int ExpiresIn, string Scope);
