using Relay.Api.Infrastructure.Secrets;
using Relay.Domain.Orders;

namespace Relay.Api.Features.Connections;

/// <summary>One CCV Shop webshop linked to one AccountView company, as stored.</summary>
public sealed class ConnectionDocument
{
    public required string Id { get; init; }
    public required string Name { get; set; }

    /// <summary>The tenant that owns the connection: only its keys (and the bootstrap key) see it.</summary>
    public string TenantId { get; set; } = Features.Tenants.TenantDocument.DefaultId;

    /// <summary>Unguessable part of the webhook address registered at CCV Shop. Never returned after creation.</summary>
    [Sealed] public required string WebhookSecret { get; init; }

    public required CcvShopCredentials CcvShop { get; set; }
    public AccountViewCredentials? AccountView { get; set; }
    public WebhookSignatureSettings WebhookSignature { get; set; } = new();

    /// <summary>The order flow's settings; null means the defaults.</summary>
    public OrderFlowSettings? Orders { get; set; }

    /// <summary>The stock flow's settings; null means off (writing stock into a shop is switched on deliberately).</summary>
    public Relay.Domain.Stock.StockFlowSettings? Stock { get; set; }

    /// <summary>The data mapper's overrides of the default field mapping.</summary>
    public IReadOnlyList<Relay.Domain.Mapping.FieldMapping> Mappings { get; set; } = [];

    /// <summary>The product and category flow; null means the defaults (off).</summary>
    public Relay.Domain.Products.ProductFlowSettings? Products { get; set; }

    /// <summary>The customer flow; null means the defaults (off).</summary>
    public Relay.Domain.Customers.CustomerFlowSettings? Customers { get; set; }

    /// <summary>AccountView's order states to the shop; null means the defaults (off).</summary>
    public Relay.Domain.OrderStatus.OrderStatusSettings? OrderStatus { get; set; }

    /// <summary>Orders entered in AccountView to the shop; null means the defaults (off).</summary>
    public Relay.Domain.OrdersFromAccountView.AccountViewOrderSettings? OrdersFromAccountView { get; set; }

    /// <summary>Where the connection's alerts go and when they are raised; null: no alerts.</summary>
    public Alerts.AlertSetup? Alerts { get; set; }
    /// <summary>How long personal data and work are kept; null means the defaults.</summary>
    public Relay.Domain.PersonalData.RetentionSettings? Retention { get; set; }

    public Relay.Domain.Settings.ConnectionSettings Settings() =>
        new(Orders ?? new OrderFlowSettings(), Stock, Mappings, Retention)
        {
            Products = Products, Customers = Customers, OrderStatus = OrderStatus,
            OrdersFromAccountView = OrdersFromAccountView,
        };

    public void Apply(Relay.Domain.Settings.ConnectionSettings settings)
    {
        Orders = settings.Orders;
        Stock = settings.Stock;
        Mappings = settings.Mappings;
        Products = settings.Products;
        Customers = settings.Customers;
        OrderStatus = settings.OrderStatus;
        OrdersFromAccountView = settings.OrdersFromAccountView;
        Retention = settings.Retention;
    }

    /// <summary>Whether a flow runs for this connection now.</summary>
    public bool IsOn(Relay.Domain.WorkItems.Flow flow) => flow switch
    {
        Relay.Domain.WorkItems.Flow.Orders => Orders is not { Enabled: false },
        Relay.Domain.WorkItems.Flow.Stock => Stock is { Enabled: true },
        Relay.Domain.WorkItems.Flow.Products => Products is { Enabled: true },
        Relay.Domain.WorkItems.Flow.OrderStatus => OrderStatus is { Enabled: true },
        Relay.Domain.WorkItems.Flow.OrdersFromAccountView => OrdersFromAccountView is { Enabled: true },
        _ => Customers is { Enabled: true },
    };
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class CcvShopCredentials
{
    /// <summary>The shop's root, e.g. https://shop.example.nl (the API lives under /api/rest/v1).</summary>
    public required string BaseUrl { get; set; }
    public required string PublicKey { get; set; }
    [Sealed] public required string SecretKey { get; set; }
}

public sealed class AccountViewCredentials
{
    public required string BaseUrl { get; set; }
    public required string ClientId { get; set; }
    [Sealed] public required string ClientSecret { get; set; }
    public string? CompanyId { get; set; }
}

/// <summary>
/// CCV's webhook signature scheme is not publicly documented (ccvshop-api.md §3.4), so checking it is
/// opt-in and the scheme is a choice. The unguessable address is the authenticity check that always applies.
/// </summary>
public sealed class WebhookSignatureSettings
{
    public WebhookSignatureScheme Scheme { get; set; } = WebhookSignatureScheme.None;
    public string Header { get; set; } = "x-hash";

    /// <summary>The `key` CCV Shop returned when the webhook was registered.</summary>
    [Sealed] public string? Key { get; set; }
}

public enum WebhookSignatureScheme
{
    None,

    /// <summary>hex HMAC-SHA512(key, "address|raw body"), by analogy with the App Store handshake (§1.8, §3.4).</summary>
    HmacSha512AddressAndBody,

    /// <summary>hex HMAC-SHA512(key, raw body).</summary>
    HmacSha512Body,
}
