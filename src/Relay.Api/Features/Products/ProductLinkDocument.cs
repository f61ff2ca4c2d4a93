namespace Relay.Api.Features.Products;

/// <summary>
/// What Relay last wrote for one work item's product (id: the work key): the shop product, and the main
/// photo it uploaded with the image's hash. CCV shows no hash of a photo (§4.8), so this is how an
/// unchanged image is recognised and not uploaded again.
/// </summary>
public sealed class ProductLinkDocument
{
    public required string Id { get; init; }
    public long? ShopProductId { get; set; }

    /// <summary>False between creating the product and finishing its first write: a retry then completes it as a create.</summary>
    public bool Complete { get; set; }
    public long? PhotoId { get; set; }
    public string? ImageSha256 { get; set; }
}
