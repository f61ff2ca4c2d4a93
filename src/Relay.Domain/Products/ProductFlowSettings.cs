namespace Relay.Domain.Products;

/// <summary>Which system keeps the product data; the other one follows.</summary>
public enum ProductMaster
{
    /// <summary>Articles are kept in AccountView and the shop is filled from them (the usual case).</summary>
    AccountView,

    /// <summary>The shop is kept by hand and AccountView's articles follow it.</summary>
    Shop,
}

/// <summary>
/// One connection's product and category flow, in the direction <see cref="Master"/> says. Off by default:
/// writing a catalogue into a shop or an administration is switched on deliberately.
/// </summary>
public sealed record ProductFlowSettings
{
    // Required in a body: leaving it out must not switch the flow off (or on) unnoticed.
    [System.Text.Json.Serialization.JsonRequired]
    public bool Enabled { get; init; }

    public ProductMaster Master { get; init; } = ProductMaster.AccountView;

    /// <summary>Seconds between polls for changed articles (AccountView master). At least 30.</summary>
    public int PollSeconds { get; init; } = 300;

    /// <summary>Hours between full reconciliations, which catch what change dates and webhooks miss. At least 1.</summary>
    public int ReconciliationHours { get; init; } = 24;

    /// <summary>Which field groups are written on every update; the others only when the product or article is created.</summary>
    public ProductUpdates Updates { get; init; } = new();

    /// <summary>Only articles (or shop products) that meet every rule are written; the others are skipped with the rule.</summary>
    public IReadOnlyList<ProductFilterRule> Filters { get; init; } = [];

    /// <summary>How article codes tell the articles of one variant product apart (AccountView master).</summary>
    public VariantScheme Variants { get; init; } = new();

    /// <summary>Whether the shop's prices include VAT; AccountView's sales prices are taken as excluding it unless <see cref="ArticlePricesIncludeVat"/>.</summary>
    public bool ShopPricesIncludeVat { get; init; } = true;

    public bool ArticlePricesIncludeVat { get; init; }

    /// <summary>AccountView VAT code ⇄ VAT rate ⇄ CCV tax tariff (ccvshop-api.md §4.6: only "normal" is evidenced).</summary>
    public IReadOnlyList<TaxTariffRule> TaxTariffs { get; init; } =
        [new("H1", 21m, "normal"), new("L1", 9m, "reduced"), new("N0", 0m, "zero")];

    /// <summary>
    /// The CCV package (shipping package type) new products get: POST /products requires package_id
    /// (ccvshop-api.md §4.6). Null: products cannot be created, only updated.
    /// </summary>
    public long? PackageId { get; init; }

    /// <summary>New shop products start with the article's stock (the stock flow keeps it up to date afterwards).</summary>
    public bool StockOnCreate { get; init; } = true;

    public ArticleFields Fields { get; init; } = new();
}

/// <summary>true: the group is written on every update; false: only when the product or article is created.</summary>
public sealed record ProductUpdates
{
    public bool Name { get; init; }
    public bool Price { get; init; } = true;
    public bool Ean { get; init; } = true;
    public bool VatTariff { get; init; } = true;
    public bool Category { get; init; }
    public bool Image { get; init; } = true;
    public bool Active { get; init; } = true;

    public bool Writes(ProductFieldGroup group) => group switch
    {
        ProductFieldGroup.Name => Name,
        ProductFieldGroup.Price => Price,
        ProductFieldGroup.Ean => Ean,
        ProductFieldGroup.VatTariff => VatTariff,
        ProductFieldGroup.Category => Category,
        ProductFieldGroup.Image => Image,
        _ => Active,
    };
}

/// <summary>The field groups the update switches govern.</summary>
public enum ProductFieldGroup
{
    Name,
    Price,
    Ean,
    VatTariff,
    Category,
    Image,
    Active,
}

public sealed record TaxTariffRule(string VatCode, decimal Rate, string Tariff);

/// <summary>
/// The ARTICLE fields beyond code, description, group and price. AccountView's EAN, VAT-code, blocked and
/// image fields are not publicly known (accountview-api.md §3.6): they are settings, defaulting to the
/// simulator's names (IMG_MEDIUM/IMG_M_DATA are the names S3 reads). An empty name means "not used".
/// </summary>
public sealed record ArticleFields
{
    public string Ean { get; init; } = "EAN_CODE";
    public string VatCode { get; init; } = "VAT_CODE";
    public string Blocked { get; init; } = "REC_BLK";

    /// <summary>A long description field; none was seen (§3.6), so by default the shop's description is the article's name.</summary>
    public string? LongDescription { get; init; }

    /// <summary>The image, base64 (§3.6 IMG_M_DATA); its structure is unverified.</summary>
    public string? ImageData { get; init; } = "IMG_M_DATA";

    public string? ImageName { get; init; } = "IMG_MEDIUM";

    /// <summary>
    /// Whether AccountView accepts an image written through the Web API (shop master). Unknown (§3.6, §7),
    /// so off: images are then skipped with that reason.
    /// </summary>
    public bool WriteImage { get; init; }
}
