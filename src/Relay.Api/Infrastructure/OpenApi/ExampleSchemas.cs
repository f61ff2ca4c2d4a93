using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Relay.Api.Features.Connections;
using Relay.Api.Features.Tenants;
using Relay.Api.Features.WorkItems;
using Relay.Domain.Mapping;
using Relay.Domain.Orders;
using Relay.Domain.Settings;
using Relay.Domain.Stock;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Relay.Api.Infrastructure.OpenApi;

/// <summary>An example for every request body (and the views built from the same types), as Swagger UI shows them.</summary>
public sealed class ExampleSchemas : ISchemaFilter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(CreateTenantRequest)] = new CreateTenantRequest("agency-a", "Agency A"),
        [typeof(CreateApiKeyRequest)] = new CreateApiKeyRequest("deploy scripts"),
        [typeof(CreateConnectionRequest)] = new CreateConnectionRequest("demo-shop", "Demo shop",
            new CcvShopCredentialsRequest("https://demo.ccvshop.nl", "public-key", "secret-key"),
            new AccountViewCredentialsRequest("https://www.accountview.net", "client-id", "client-secret", "company-id"),
            new WebhookSignatureRequest(WebhookSignatureScheme.None, null, null), new OrderFlowSettings()),
        [typeof(UpdateConnectionRequest)] = new UpdateConnectionRequest(Name: "Demo shop (NL)"),
        [typeof(OrderFlowSettings)] = new OrderFlowSettings { PaymentMethods = [new("Mollie_iDEAL", "IDEAL", "00")], ShippingMethods = [new("shipping", "POSTNL")] },
        [typeof(StockFlowSettings)] = new StockFlowSettings { Enabled = true },
        [typeof(Relay.Domain.Products.ProductFlowSettings)] = new Relay.Domain.Products.ProductFlowSettings
        {
            Enabled = true, PackageId = 1664901,
            Filters = [new("AG_CODE", Relay.Domain.Products.FilterOperator.OneOf, "KLEDING,KEUKEN"), new("EAN_CODE", Relay.Domain.Products.FilterOperator.NotEmpty)],
            Updates = new() { Name = false, Price = true, Category = false },
        },
        [typeof(Relay.Domain.Customers.CustomerFlowSettings)] = new Relay.Domain.Customers.CustomerFlowSettings { Enabled = true, ScanMinutes = 60 },
        [typeof(Relay.Domain.OrderStatus.OrderStatusSettings)] = new Relay.Domain.OrderStatus.OrderStatusSettings
        {
            Enabled = true, MailCustomer = true, Statuses = new() { Delivered = 5, Invoiced = 7, Cancelled = 8 },
        },
        [typeof(Relay.Domain.OrdersFromAccountView.AccountViewOrderSettings)] =
            new Relay.Domain.OrdersFromAccountView.AccountViewOrderSettings
            {
                Enabled = true, FilterField = "EMP_NR", FilterValues = ["TEL"],
            },
        [typeof(FieldMapping)] = new FieldMapping("order.COMMENT2", Concat: ["order.number", "customer.name"],
            Separator: " / "),
        [typeof(ConnectionSettings)] = new ConnectionSettings(new OrderFlowSettings(), new StockFlowSettings { Enabled = true },
            [new FieldMapping("debtor.ACCT_NAME", From: "customer.name", Upper: true)]),
        [typeof(WorkItemFilter)] = new WorkItemFilter("demo-shop", Relay.Domain.WorkItems.Flow.Orders, Relay.Domain.WorkItems.WorkStatus.Failed, null, null),
        [typeof(ConnectionSettingsEndpoints.FlowSwitch)] = new ConnectionSettingsEndpoints.FlowSwitch(false),
        [typeof(Relay.Domain.PersonalData.RetentionSettings)] = new Relay.Domain.PersonalData.RetentionSettings
        {
            PersonalDataDays = 30, WorkItemDays = 180,
        },
        [typeof(Features.Mapping.MappingEndpoints.PreviewRequest)] = new Features.Mapping.MappingEndpoints.PreviewRequest(1301,
            [new FieldMapping("order.COMMENT2", Constant: "Webshop")]),
        [typeof(Features.Alerts.AlertSettingsRequest)] = new Features.Alerts.AlertSettingsRequest(
            new Features.Alerts.EmailAlertsRequest("smtp.example.nl", 587, Features.Alerts.SmtpSecurity.StartTls,
                "relay@example.nl", "smtp-password", "relay@example.nl", ["ops@example.nl"]),
            new Features.Alerts.WebhookAlertsRequest("https://hooks.slack.com/services/T000/B000/XXXX"),
            new Features.Alerts.AlertRulesRequest(StallMinutes: 30)),
        [typeof(AccountViewAuthorizationEndpoints.AuthorizeRequest)] = new AccountViewAuthorizationEndpoints.AuthorizeRequest("https://relay.example.nl/accountview/callback"),
    };

    public static IEnumerable<Type> Covered => Examples.Keys;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example))
            concrete.Examples = [JsonSerializer.SerializeToNode(example, context.Type, Json)!];
    }
}
