using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Relay.Api.Infrastructure.Auth;

namespace Relay.Api.Dashboard;

/// <summary>
/// Signing in to the dashboard: an API key (a tenant's, or the bootstrap key) is checked once and exchanged for an
/// HTTP-only cookie holding who it is, never the key. A tenant key revoked later ends its sign-ins at the next page.
/// </summary>
public static class DashboardSignIn
{
    public const string Scheme = "Dashboard";
    public const string Policy = "dashboard";
    public const string CookieName = "relay_dashboard";

    /// <summary>
    /// Secure cookies whenever Relay's public address is https: behind a proxy that ends TLS, Kestrel sees plain
    /// http, and "as the request" would send a sign-in without the Secure flag. Without a public address (a local
    /// try-out, the sandbox) the cookie follows the request.
    /// </summary>
    public static CookieSecurePolicy SecurePolicy(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Relay:PublicBaseUrl"], UriKind.Absolute, out var url)
        && url.Scheme == Uri.UriSchemeHttps
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;

    public static WebApplicationBuilder AddDashboardSignIn(this WebApplicationBuilder builder)
    {
        var secure = SecurePolicy(builder.Configuration);
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.Path = DashboardSetup.Prefix;
            // Lax, not Strict: the browser comes back from AccountView's consent page to a dashboard page.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.LoginPath = $"{DashboardSetup.Prefix}/sign-in";
            o.AccessDeniedPath = $"{DashboardSetup.Prefix}/sign-in";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = async context =>
            {
                var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeys>();
                if (context.Principal is null
                    || !await keys.StillValidAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy,
            p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Signs the key's holder in; false when the key is unknown or revoked.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, string key)
    {
        var keys = http.RequestServices.GetRequiredService<ApiKeys>();
        if (await keys.IdentifyAsync(key.Trim(), Scheme, http.RequestAborted) is not { } identity) return false;
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false });
        return true;
    }

    /// <summary>On a dashboard page the caller is the sign-in cookie's (the API's default is the key header).</summary>
    public static async Task AuthenticateAsync(HttpContext http, RequestDelegate next)
    {
        var signedIn = await http.AuthenticateAsync(Scheme);
        if (signedIn.Succeeded) http.User = signedIn.Principal;
        await next(http);
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);
}
