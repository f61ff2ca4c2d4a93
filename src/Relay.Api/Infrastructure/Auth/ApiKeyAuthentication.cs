using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Relay.Api.Infrastructure.Auth;

/// <summary>
/// Admin routes authenticate with the X-Api-Key header: the bootstrap key from configuration (the operator,
/// who manages tenants and sees all of them) or a tenant's key, looked up by its hash; a revoked key is refused.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[Header].ToString();
        if (presented.Length == 0) return AuthenticateResult.NoResult();
        var identity = await keys.IdentifyAsync(presented, SchemeName, Context.RequestAborted);
        return identity is null
            ? AuthenticateResult.Fail("Unknown or revoked API key.")
            : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

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
/// <param name="File">The file Relay made the key in, when it was not configured.</param>
public sealed class AdminApiKey(string key, string? File = null)
{
    public string? File { get; } = File;

    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
