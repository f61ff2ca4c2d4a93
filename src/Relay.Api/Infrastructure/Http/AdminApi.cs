using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Mapping;
using Relay.Api.Features.OrderStatus;
using Relay.Api.Features.PersonalData;
using Relay.Api.Features.Products;
using Relay.Api.Features.Stock;
using Relay.Api.Features.Tenants;
using Relay.Api.Features.WorkItems;

namespace Relay.Api.Infrastructure.Http;

/// <summary>The admin REST API under /api: every route needs a key, and a connection's routes honour
/// If-Match.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .AddEndpointFilter(ConnectionVersions.FilterAsync); // ETag / If-Match on a connection and its settings
        admin.MapTenantEndpoints();
        admin.MapConnectionEndpoints();
        admin.MapConnectionSettingsEndpoints();
        admin.MapAccountViewAuthorizationEndpoints();
        admin.MapWebhookRegistrationEndpoints();
        admin.MapLookupEndpoints();
        admin.MapAccountViewFieldsEndpoints();
        admin.MapMappingEndpoints();
        admin.MapStockEndpoints();
        admin.MapSalesOrderPollEndpoints();
        admin.MapCatalogueEndpoints();
        admin.MapWorkItemEndpoints();
        admin.MapAlertEndpoints();
        admin.MapTenantAlertEndpoints();
        admin.MapPersonalDataEndpoints();
        admin.MapRetentionEndpoints();
        return admin;
    }
}
