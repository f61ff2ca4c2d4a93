namespace Relay.Domain.Orders;

public enum DocumentKind
{
    SalesOrder,
    SalesInvoice,
}

/// <summary>How one connection sends orders to AccountView. Every choice has a default a merchant can live with.</summary>
public sealed record OrderFlowSettings
{
    /// <summary>The flow runs for this connection.</summary>
    // Required in a body: leaving it out must not switch the flow on (or off) unnoticed.
    [System.Text.Json.Serialization.JsonRequired]
    public bool Enabled { get; init; } = true;

    /// <summary>How often the reconciliation poll looks for orders whose webhook never came.</summary>
    public int ReconciliationMinutes { get; init; } = 5;

    /// <summary>How far back (in days of order creation) the reconciliation poll looks.</summary>
    public int ReconciliationDays { get; init; } = 3;

    /// <summary>Only orders marked paid are sent.</summary>
    public bool OnlyPaid { get; init; } = true;

    /// <summary>Only orders in these CCV statuses (§4.2 codes); empty: any status.</summary>
    public IReadOnlyList<int> Statuses { get; init; } = [];

    public DocumentKind Document { get; init; } = DocumentKind.SalesOrder;

    /// <summary>Book every order on this debtor instead of finding or creating the customer.</summary>
    public string? DefaultDebtor { get; init; }

    /// <summary>Existing debtors found by e-mail are updated with the order's details.</summary>
    public bool UpdateCustomers { get; init; } = true;

    /// <summary>Missing articles are created instead of failing the order.</summary>
    public bool CreateMissingArticles { get; init; }

    public string ShippingArticle { get; init; } = "VERZEND";
    public string PaymentCostsArticle { get; init; } = "VERZEND";
    public string DiscountArticle { get; init; } = "VERZEND";

    /// <summary>The country the shop sells from: domestic VAT applies there.</summary>
    public string HomeCountry { get; init; } = "NL";

    public IReadOnlyList<VatCodeRule> VatCodes { get; init; } =
        [new("NL", 21m, "H1"), new("NL", 9m, "L1"), new("NL", 0m, "N0")];

    /// <summary>EU business customers with a VAT number: intra-community, reverse charge.</summary>
    public string ReverseChargeVatCode { get; init; } = "EU";

    /// <summary>Customers outside the EU: export, zero rate.</summary>
    public string ExportVatCode { get; init; } = "EX";

    /// <summary>When no row matches; a blank is never sent silently.</summary>
    public string DefaultVatCode { get; init; } = "H1";

    /// <summary>
    /// Revenue account per country code or region ("EU", "WORLD"), optionally per VAT rate (NL 21% and 9%) and per kind
    /// of customer (EU business and EU consumer): the most specific row wins (<see
    /// cref="TaxRules.RevenueAccount(string, decimal?, bool, OrderFlowSettings)"/>).
    /// </summary>
    public IReadOnlyList<RevenueAccountRule> RevenueAccounts { get; init; } =
        [new("NL", "8000"), new("EU", "8100"), new("WORLD", "8200")];

    public string DefaultRevenueAccount { get; init; } = "8000";

    /// <summary>The ledger of shipping lines; none: the revenue account of the shipping's VAT rate.</summary>
    public string? ShippingRevenueAccount { get; init; }

    /// <summary>The ledger of discount, coupon and rounding lines; none: the order's revenue account.</summary>
    public string? DiscountRevenueAccount { get; init; }

    /// <summary>
    /// Where a row's article code comes from when the shop gives it no SKU and no product number: "line.productId",
    /// "line.ean" or "line.parentProductNumber" (a variant booked on its product's article); none: only
    /// <see cref="ProductArticleCodes"/>.
    /// </summary>
    public string? ArticleCodeFallback { get; init; }

    /// <summary>CCV product id → AccountView article code, for products without an SKU or product number.</summary>
    public IReadOnlyDictionary<string, string> ProductArticleCodes { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<PaymentMapping> PaymentMethods { get; init; } = [];
    public PaymentMapping DefaultPayment { get; init; } = new("*", "BANK", "14");

    public IReadOnlyList<ShippingMapping> ShippingMethods { get; init; } = [];
    public string DefaultShippingMethod { get; init; } = "POSTNL";

    /// <summary>Debtor fields the shop does not have (control account, branch, language, …), by AccountView field name.</summary>
    public IReadOnlyDictionary<string, string> DebtorDefaults { get; init; } = new Dictionary<string, string> { ["ACCT_NR"] = "1300" };

    /// <summary>The sales journal invoices are booked in (§3.9).</summary>
    public string SalesJournal { get; init; } = "70";
}

public sealed record VatCodeRule(string Country, decimal Rate, string Code);

/// <param name="VatRate">Only lines at this rate; none: any rate.</param>
/// <param name="Customers">Only business customers (with a VAT number) or only consumers; Any: both.</param>
public sealed record RevenueAccountRule(string CountryOrRegion, string Account, decimal? VatRate = null,
    CustomerKind Customers = CustomerKind.Any);

public enum CustomerKind
{
    Any,
    Business,
    Consumer,
}

/// <summary>CCV payment method (paymethod, e.g. "Mollie_iDEAL") → AccountView payment method and payment terms.</summary>
public sealed record PaymentMapping(string ShopMethod, string PaymentMethod, string PaymentTerms);

/// <summary>CCV deliver method or delivery option → AccountView shipping method.</summary>
public sealed record ShippingMapping(string ShopMethod, string ShippingMethod);
