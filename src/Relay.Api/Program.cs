using Relay.Api.Clients;
using Relay.Api.Dashboard;
using Relay.Api.Features.Alerts;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Health;
using Relay.Api.Features.Orders;
using Relay.Api.Features.OrderStatus;
using Relay.Api.Features.PersonalData;
using Relay.Api.Features.Products;
using Relay.Api.Features.Stock;
using Relay.Api.Features.Webhooks;
using Relay.Api.Infrastructure.Auth;
using Relay.Api.Infrastructure.Database;
using Relay.Api.Infrastructure.Http;
using Relay.Api.Infrastructure.OpenApi;
using Relay.Api.Infrastructure.Processing;
using Relay.Api.Infrastructure.Sandbox;
using Relay.Api.Infrastructure.Telemetry;

// --sandbox and --health-check are switches, not settings: taken out before the command line is read as settings
// (they would eat the next word). --health-check is the container's HEALTHCHECK: it asks the running Relay, then exits.
var sandbox = args.Contains("--sandbox");
var healthCheck = args.Contains(HealthProbe.Switch);
args = args.Where(a => a != "--sandbox" && a != HealthProbe.Switch).ToArray();
// appsettings.json lives at the repository root and is copied next to the binaries.
var builder = WebApplication.CreateBuilder(
    new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
if (healthCheck) return await HealthProbe.RunAsync(builder.Configuration);

try
{
    builder.AddRelayStorage(); // PostgreSQL + Marten; starts a private PostgreSQL when none is configured
}
catch (EmbeddedPostgresException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
builder.AddRelayProcessing(); // Wolverine: durable work queues, retries, connection shards across replicas
builder.AddRelayTelemetry(); // /metrics; traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
builder.AddAdminAuthentication();
builder.AddRelayClients(); // typed CCV Shop and AccountView clients with resilience
builder.Services.AddWebhookIntake(); // group commit of deliveries
builder.Services.AddOrderFlow();
builder.Services.AddStockFlow();
builder.Services.AddOrdersBackFlows();
builder.Services.AddProductAndCustomerFlows();
builder.Services.AddAlerts(); // alert watch, e-mail and webhook channels
builder.Services.AddRelayHttp();
builder.Services.AddRelayHealth();
builder.Services.AddPersonalData(); // masking, erasure and the retention sweep
builder.Services.AddRelayOpenApi();
builder.AddDashboard(); // the merchant dashboard under /app (Razor Components, signed in with a key)
builder.AddSandbox(sandbox); // the CCV Shop and AccountView simulators under /sandbox, when asked (or in Development)

var app = builder.Build();

app.UseRelayProblems(); // every error answer is problem+json
app.UseAuthentication();
app.UseAuthorization();
app.UseDashboard(); // its language and antiforgery
app.UseRelayOpenApi();

app.MapHealthEndpoints();
app.MapRelayMetrics();
app.MapWebhookEndpoints();
app.MapAccountViewCallback();
app.MapSandbox();
app.MapAdminApi(); // the admin REST API under /api (Infrastructure/Http/AdminApi.cs)
app.MapDashboard();

app.Run();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
