using System.Security.Claims;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.HttpResults;
using Relay.Api.Infrastructure.Http;

namespace Relay.Api.Features.Tenants;

public static class TenantEndpoints
{
    public static RouteGroupBuilder MapTenantEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenants").WithTags("Tenants and API keys");
        group.MapPost("/", CreateTenantAsync)
            .RequireAuthorization(Caller.OperatorPolicy)
            .WithName("CreateTenant")
            .WithSummary("Create a tenant (an agency or a merchant); bootstrap key only")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListTenantsAsync)
            .WithName("ListTenants")
            .WithSummary("List the tenants the key may see: all with the bootstrap key, else its own");
        group.MapGet("/{tenantId}", GetTenantAsync)
            .WithName("GetTenant")
            .WithSummary("Get one tenant")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{tenantId}/keys", CreateKeyAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key for the tenant; the key is shown in this answer only")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{tenantId}/keys", ListKeysAsync)
            .WithName("ListApiKeys")
            .WithSummary("List the tenant's keys: prefix, name, created, last used, revoked")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{tenantId}/keys/{keyId}", RevokeKeyAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke a key: from now on it is answered 401")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Created<TenantResponse>, ValidationProblem, ProblemHttpResult>> CreateTenantAsync(
        CreateTenantRequest request, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var tenant = new TenantDocument { Id = request.Id ?? Guid.NewGuid().ToString("n")[..12], Name = request.Name, CreatedAt = clock.GetUtcNow() };
        session.Insert(tenant);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException)
        {
            return Problems.Conflict($"A tenant with id '{tenant.Id}' exists already.");
        }
        return TypedResults.Created($"/api/tenants/{tenant.Id}", tenant.ToResponse());
    }

    internal static async Task<Ok<IReadOnlyList<TenantResponse>>> ListTenantsAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<TenantDocument>().AsQueryable();
        if (user.TenantId() is { } own) query = query.Where(t => t.Id == own);
        var tenants = await query.OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<TenantResponse>>(tenants.Select(t => t.ToResponse()).ToList());
    }

    internal static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetTenantAsync(
        string tenantId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await LoadAsync(session, user, tenantId, ct) is { } tenant ? TypedResults.Ok(tenant.ToResponse()) : NotFound(tenantId);

    internal static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateKeyAsync(
        string tenantId, CreateApiKeyRequest request, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await LoadAsync(session, user, tenantId, ct) is null) return NotFound(tenantId);
        var (key, prefix) = ApiKeyDocument.NewKey();
        var document = new ApiKeyDocument
        {
            Id = Guid.NewGuid().ToString("n")[..12], TenantId = tenantId, Name = request.Name, Prefix = prefix,
            Hash = ApiKeyDocument.HashOf(key), CreatedAt = clock.GetUtcNow(),
        };
        session.Insert(document);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tenants/{tenantId}/keys", new CreatedApiKeyResponse(document.ToResponse(), key));
    }

    internal static async Task<Results<Ok<IReadOnlyList<ApiKeyResponse>>, ProblemHttpResult>> ListKeysAsync(
        string tenantId, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await LoadAsync(session, user, tenantId, ct) is null) return NotFound(tenantId);
        var keys = await session.Query<ApiKeyDocument>().Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ApiKeyResponse>>(keys.Select(k => k.ToResponse()).ToList());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeKeyAsync(
        string tenantId, string keyId, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await LoadAsync(session, user, tenantId, ct) is null) return NotFound(tenantId);
        var key = await session.LoadAsync<ApiKeyDocument>(keyId, ct);
        if (key is null || key.TenantId != tenantId) return Problems.NotFound($"Tenant '{tenantId}' has no key '{keyId}'.");
        key.RevokedAt ??= clock.GetUtcNow();
        session.Update(key);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<TenantDocument?> LoadAsync(IQuerySession session, ClaimsPrincipal user, string tenantId, CancellationToken ct) =>
        user.Sees(tenantId) ? await session.LoadAsync<TenantDocument>(tenantId, ct) : null;

    private static ProblemHttpResult NotFound(string tenantId) => Problems.NotFound($"There is no tenant '{tenantId}'.");
}
