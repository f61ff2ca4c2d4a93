using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Localization;

namespace Relay.Api.Dashboard;

/// <summary>
/// The merchant dashboard under /app: Razor Components rendered on the server (static SSR, no JavaScript build),
/// signed in with an API key into an HTTP-only cookie, every form with an antiforgery token. The pages call the
/// admin API's own handlers with the signed-in key's identity, so they see exactly what that key sees.
/// </summary>
public static class DashboardSetup
{
    public const string Prefix = "/app";

    public static readonly string[] Cultures = ["en", "nl"];

    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // The framework's blazor.web.js is served from the SDK's package when Relay runs from its build output
        // (which `dotnet run` does in Development only); a published Relay has it in wwwroot, and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<Activity.AuditJson>();
        builder.Services.AddScoped<Setup.SetupLookups>();
        // Sign-ins and antiforgery tokens outlive a restart and hold on every replica: their keys are in PostgreSQL.
        builder.Services.AddDataProtection().SetApplicationName("Relay");
        builder.Services.AddSingleton<Access.DashboardKeyRing>();
        // The ring seals each key whole (with Relay's secrets key), so the framework's own encryptor is not used.
        builder.Services.AddOptions<KeyManagementOptions>().Configure<Access.DashboardKeyRing>((options, ring) =>
            (options.XmlRepository, options.XmlEncryptor) = (ring, new NullXmlEncryptor()));
        builder.AddDashboardSignIn();
        return builder;
    }

    /// <summary>The dashboard's language (cookie, else the browser's), and antiforgery for its forms.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var localization = new RequestLocalizationOptions().SetDefaultCulture(Cultures[0])
            .AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Prefix), branch =>
        {
            branch.UseRequestLocalization(localization);
            // The dashboard's caller is its cookie's, before antiforgery checks a token made for that caller.
            branch.Use(DashboardSignIn.AuthenticateAsync);
        });
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets(); // the framework's blazor.web.js (enhanced navigation and forms), from the SDK, no npm
        app.MapRazorComponents<Shell.App>();
        app.MapGet($"{Prefix}/dashboard.css", Shell.DashboardStyle.Serve).ExcludeFromDescription();
        app.MapGet($"{Prefix}/language/{{culture}}", ChooseLanguage).ExcludeFromDescription();
        return app;
    }

    /// <summary>A path of the dashboard (not /application, not //host, no control characters): safe to go back
    /// to.</summary>
    public static bool IsDashboardPath(string path) =>
        (path == Prefix || path.StartsWith($"{Prefix}/", StringComparison.Ordinal)
            || path.StartsWith($"{Prefix}?", StringComparison.Ordinal))
        && !path.Any(c => char.IsControl(c) || c == '\\');

    /// <summary>Remembers the language chosen and goes back to the page it was chosen on.</summary>
    private static IResult ChooseLanguage(string culture, HttpContext http, string? back = null)
    {
        if (!Cultures.Contains(culture)) return TypedResults.NotFound();
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Path = Prefix, HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
                MaxAge = TimeSpan.FromDays(365) });
        return TypedResults.LocalRedirect(back is { } b && IsDashboardPath(b) ? b : Prefix);
    }
}
