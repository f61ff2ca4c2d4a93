using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Marten;
using Marten.Patching;
using Microsoft.Extensions.Options;
using Relay.Api.Features.Tenants;

namespace Relay.Api.Infrastructure.Auth;

/// <summary>
/// Admin routes authenticate with the X-Api-Key header: the bootstrap key from configuration (the operator,
/// who manages tenants and sees all of them) or a tenant's key, looked up by its hash; a revoked key is refused.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminApiKey adminKey,
    IDocumentStore store, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>Last use is written at most this often per key, not at every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        if (presented.Length == 0) return AuthenticateResult.NoResult();
        if (adminKey.Matches(presented))
            return Success(new Claim(ClaimTypes.Name, "bootstrap"), new Claim(ClaimTypes.Role, Caller.OperatorRole));

        var hash = ApiKeyDocument.HashOf(presented);
        await using var session = store.LightweightSession();
        var key = await session.Query<ApiKeyDocument>().FirstOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
        {
            session.Patch<ApiKeyDocument>(key.Id).Set(k => k.LastUsedAt, now);
            await session.SaveChangesAsync(Context.RequestAborted);
        }
        return Success(new Claim(ClaimTypes.Name, key.Prefix), new Claim(Caller.TenantClaim, key.TenantId));
    }

    private static AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = $"Send a valid API key in the {Header} header.",
            },
        });
    }
}

/// <summary>The admin key, kept only as its SHA-256 hash and compared in constant time.</summary>
public sealed class AdminApiKey(string key)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
