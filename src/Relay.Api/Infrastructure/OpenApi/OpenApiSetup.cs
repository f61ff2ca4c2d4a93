using Microsoft.OpenApi;
using Relay.Api.Infrastructure.Auth;

namespace Relay.Api.Infrastructure.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddRelayOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Relay",
                Version = "v1",
                Description = "Relay connects CCV Shop webshops to AccountView: webhooks in, admin API for configuration, replay and audit.",
            });
            c.AddSecurityDefinition(ApiKeyAuthentication.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "Admin API key",
            });
            c.AddSecurityRequirement(doc => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, doc)] = [],
            });
            c.SupportNonNullableReferenceTypes();
            c.SchemaFilter<ExampleSchemas>();
        });
        return services;
    }

    public static WebApplication UseRelayOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "Relay API");
        return app;
    }
}
