using System.Security.Cryptography;
using Relay.Api.Infrastructure.Database;

namespace Relay.Api.Infrastructure.Auth;

public static class AdminAuthSetup
{
    /// <summary>
    /// The admin key comes from Relay:Admin:ApiKey. Without one, Relay makes a key on first start and
    /// keeps it in a file only its user can read (Relay:Admin:ApiKeyFile), so a key is never logged.
    /// </summary>
    public static WebApplicationBuilder AddAdminAuthentication(this WebApplicationBuilder builder)
    {
        var key = builder.Configuration["Relay:Admin:ApiKey"];
        string? file = null;
        if (string.IsNullOrWhiteSpace(key))
        {
            file = builder.Configuration["Relay:Admin:ApiKeyFile"]
                   ?? Path.Combine(EmbeddedPostgresOptions.StateDirectory(builder.Configuration), "admin-api-key");
            key = Secrets.KeyFile.ReadOrCreate(file,
                () => "rly_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            Console.WriteLine($"Admin API key: see {file} (set Relay:Admin:ApiKey to choose your own). "
                              + "Sign in to the dashboard at /app with it.");
        }

        builder.Services.AddSingleton(new AdminApiKey(key, file));
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(
                ApiKeyAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Features.Tenants.Caller.OperatorPolicy, p => p.RequireRole(Features.Tenants.Caller.OperatorRole));
        return builder;
    }
}
