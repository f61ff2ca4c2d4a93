using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relay.Api.Clients.CcvShop;

/// <summary>
/// Relay's only way to CCV Shop (ccvshop-api.md). Every call is signed, rate-limited and made resilient
/// by the handlers of its HttpClient (<see cref="CcvShopClientSetup"/>); this class builds requests,
/// follows paging and reads answers.
/// </summary>
public sealed partial class CcvShopClient(IHttpClientFactory clients, CcvShopClientOptions options)
{
    public const string HttpClientName = "ccvshop";
    public const string FilesClientName = "ccvshop-files";

    /// <summary>A photo file by its deeplink (§4.8: productmainphoto is a URL); at most 10 MB.</summary>
    public async Task<byte[]> DownloadPhotoAsync(string url, CancellationToken ct)
    {
        using var response = await clients.CreateClient(FilesClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw new CcvShopException((int)response.StatusCode, ((int)response.StatusCode).ToString(), $"The photo {url} could not be read.");
        if (response.Content.Headers.ContentLength > 10_000_000) throw new CcvShopException(413, "413", "The photo is larger than 10 MB.");
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    /// <summary>The order with its rows embedded (expand=orderrows, §2.4): one read of the shop's budget instead of
    /// two.</summary>
    public Task<CcvOrder> GetOrderAsync(CcvShopAccess shop, long id, CancellationToken ct) =>
        GetAsync<CcvOrder>(shop, $"orders/{id}?expand=orderrows", ct);

    /// <summary>Orders through every page. Filters per §2.4: status, is_paid, min_create_date, max_create_date, orderby.</summary>
    public IAsyncEnumerable<CcvOrder> ListOrdersAsync(CcvShopAccess shop, CcvOrderFilter filter, CancellationToken ct) =>
        ListAsync<CcvOrder>(shop, "orders", filter.ToQuery(), ct);

    public async Task<IReadOnlyList<CcvOrderRow>> GetOrderRowsAsync(CcvShopAccess shop, long orderId, CancellationToken ct) =>
        await ListAsync<CcvOrderRow>(shop, $"orders/{orderId}/orderrows", [], ct).ToListAsync(ct);

    public Task<CcvUser> GetUserAsync(CcvShopAccess shop, long id, CancellationToken ct) => GetAsync<CcvUser>(shop, $"users/{id}", ct);

    public IAsyncEnumerable<CcvUser> ListUsersAsync(CcvShopAccess shop, CancellationToken ct) => ListAsync<CcvUser>(shop, "users", [], ct);

    public Task<CcvProduct> GetProductAsync(CcvShopAccess shop, long id, CancellationToken ct) =>
        GetAsync<CcvProduct>(shop, $"products/{id}?expand=attributecombinations,producttocategories", ct);

    /// <param name="withCategories">Also embeds each product's category links (expand producttocategories).</param>
    public IAsyncEnumerable<CcvProduct> ListProductsAsync(CcvShopAccess shop, CancellationToken ct, bool withCategories = false) =>
        ListAsync<CcvProduct>(shop, "products", [("expand", withCategories ? "attributecombinations,producttocategories" : "attributecombinations")], ct);

    /// <summary>Products with this product number, with their variants (§2.4 filter productnumber; GET limit, not productqueries').</summary>
    public async Task<IReadOnlyList<CcvProduct>> FindProductsByNumberAsync(CcvShopAccess shop, string productNumber, CancellationToken ct) =>
        await ListAsync<CcvProduct>(shop, "products", [("productnumber", productNumber), ("expand", "attributecombinations,producttocategories")], ct).ToListAsync(ct);

    /// <summary>Creates a product (§4.6: name, price, discount, package_id and a tax tariff are required; writes take active).</summary>
    public Task<CcvProduct> CreateProductAsync(CcvShopAccess shop, JsonObject fields, CancellationToken ct) =>
        SendAsync<CcvProduct>(shop, HttpMethod.Post, "products", fields, ct);

    public Task UpdateProductAsync(CcvShopAccess shop, long productId, JsonObject fields, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Patch, $"products/{productId}", fields, ct);

    /// <summary>§4.7 PATCH: note, stock, product_number, ean_number, sku_number, delivery_*, active.</summary>
    public Task UpdateCombinationAsync(CcvShopAccess shop, long combinationId, JsonObject fields, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Patch, $"attributecombinations/{combinationId}", fields, ct);

    public async Task<IReadOnlyList<CcvAttribute>> ListAttributesAsync(CcvShopAccess shop, CancellationToken ct) =>
        await ListAsync<CcvAttribute>(shop, "attributes", [], ct).ToListAsync(ct);

    public Task<CcvAttribute> CreateAttributeAsync(CcvShopAccess shop, string name, CancellationToken ct) =>
        SendAsync<CcvAttribute>(shop, HttpMethod.Post, "attributes", new JsonObject { ["name"] = name, ["type"] = "option_menu_required" }, ct);

    public async Task<IReadOnlyList<CcvAttributeValue>> ListAttributeValuesAsync(CcvShopAccess shop, long attributeId, CancellationToken ct) =>
        await ListAsync<CcvAttributeValue>(shop, $"attributes/{attributeId}/attributevalues", [], ct).ToListAsync(ct);

    public Task<CcvAttributeValue> CreateAttributeValueAsync(CcvShopAccess shop, long attributeId, string name, CancellationToken ct) =>
        SendAsync<CcvAttributeValue>(shop, HttpMethod.Post, $"attributes/{attributeId}/attributevalues", new JsonObject { ["name"] = name, ["default_price"] = 0 }, ct);

    /// <summary>Attaches an attribute value to a product; the shop then generates the combinations it completes (§4.7).</summary>
    public Task AttachAttributeValueAsync(CcvShopAccess shop, long productId, long valueId, decimal extraPrice, decimal stock, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Post, $"products/{productId}/productattributevalues",
            new JsonObject { ["optionvalue"] = valueId, ["price"] = extraPrice, ["stock"] = stock }, ct);

    public async Task<IReadOnlyList<CcvProductAttributeValue>> ListProductAttributeValuesAsync(CcvShopAccess shop, long productId, CancellationToken ct) =>
        await ListAsync<CcvProductAttributeValue>(shop, $"products/{productId}/productattributevalues", [], ct).ToListAsync(ct);

    /// <summary>Sets what an attached value adds to the price of the variants it is part of (§4.7: there is no price per combination).</summary>
    public Task SetAttributeValuePriceAsync(CcvShopAccess shop, long productAttributeValueId, decimal price, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Patch, $"productattributevalues/{productAttributeValueId}", new JsonObject { ["price"] = price }, ct);

    public Task DeletePhotoAsync(CcvShopAccess shop, long photoId, CancellationToken ct) => SendAsync(shop, HttpMethod.Delete, $"productphotos/{photoId}", null, ct);

    /// <summary>
    /// Products and variants by product number, EAN or SKU through productqueries (§2.4, 30 a minute):
    /// the only documented SKU lookup.
    /// </summary>
    public async Task<IReadOnlyList<CcvProduct>> FindProductsAsync(CcvShopAccess shop, string? productNumber = null, string? ean = null,
        string? sku = null, CancellationToken ct = default)
    {
        var query = new List<(string, string)>();
        if (productNumber is not null) query.Add(("productnumber", productNumber));
        if (ean is not null) query.Add(("eannumber", ean));
        if (sku is not null) query.Add(("skunumber", sku));
        if (query.Count == 0) throw new ArgumentException("Name a product number, EAN or SKU.");
        return await ListAsync<CcvProduct>(shop, "productqueries", query, ct).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CcvCombination>> GetCombinationsAsync(CcvShopAccess shop, long productId, CancellationToken ct) =>
        await ListAsync<CcvCombination>(shop, $"products/{productId}/attributecombinations", [], ct).ToListAsync(ct);

    public Task<CcvCategory> GetCategoryAsync(CcvShopAccess shop, long id, CancellationToken ct) => GetAsync<CcvCategory>(shop, $"categories/{id}", ct);

    public IAsyncEnumerable<CcvCategory> ListCategoriesAsync(CcvShopAccess shop, CancellationToken ct) => ListAsync<CcvCategory>(shop, "categories", [], ct);

    public Task<CcvCategory> CreateCategoryAsync(CcvShopAccess shop, string name, CancellationToken ct) =>
        SendAsync<CcvCategory>(shop, HttpMethod.Post, "categories", new JsonObject { ["name"] = name }, ct);

    public async Task<IReadOnlyList<CcvProductCategoryLink>> GetProductCategoriesAsync(CcvShopAccess shop, long productId, CancellationToken ct) =>
        await ListAsync<CcvProductCategoryLink>(shop, $"products/{productId}/producttocategories", [], ct).ToListAsync(ct);

    public Task<CcvProductCategoryLink> LinkProductToCategoryAsync(CcvShopAccess shop, long productId, long categoryId, CancellationToken ct) =>
        SendAsync<CcvProductCategoryLink>(shop, HttpMethod.Post, "producttocategories",
            new JsonObject { ["product_id"] = productId, ["category_id"] = categoryId }, ct);

    public async Task<IReadOnlyList<CcvPhoto>> GetPhotosAsync(CcvShopAccess shop, long productId, CancellationToken ct) =>
        await ListAsync<CcvPhoto>(shop, $"products/{productId}/productphotos", [], ct).ToListAsync(ct);

    /// <summary>Uploads the product's main photo: base64 without a data: prefix (§4.8).</summary>
    public Task<CcvPhoto> UploadMainPhotoAsync(CcvShopAccess shop, long productId, byte[] image, string fileType, CancellationToken ct) =>
        SendAsync<CcvPhoto>(shop, HttpMethod.Post, $"products/{productId}/productphotos",
            new JsonObject { ["file_type"] = fileType, ["source"] = Convert.ToBase64String(image), ["is_mainphoto"] = true }, ct);

    public async Task<IReadOnlyList<CcvPaymethod>> ListPaymethodsAsync(CcvShopAccess shop, CancellationToken ct) =>
        await ListAsync<CcvPaymethod>(shop, "paymethods", [], ct).ToListAsync(ct);

    public async Task<IReadOnlyList<CcvWebhook>> ListWebhooksAsync(CcvShopAccess shop, CancellationToken ct) =>
        await ListAsync<CcvWebhook>(shop, "webhooks", [], ct).ToListAsync(ct);

    /// <summary>Registers a webhook; the answer's key is what the shop signs deliveries with (§3.1).</summary>
    public Task<CcvWebhook> RegisterWebhookAsync(CcvShopAccess shop, string @event, string address, CancellationToken ct) =>
        SendAsync<CcvWebhook>(shop, HttpMethod.Post, "webhooks", new JsonObject { ["event"] = @event, ["address"] = address, ["is_active"] = true }, ct);

    public Task DeleteWebhookAsync(CcvShopAccess shop, long id, CancellationToken ct) => SendAsync(shop, HttpMethod.Delete, $"webhooks/{id}", null, ct);

    /// <summary>§5.3: status change, optionally mailing the customer.</summary>
    public Task SetOrderStatusAsync(CcvShopAccess shop, long orderId, int status, bool mailCustomer, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Patch, $"orders/{orderId}", new JsonObject { ["status"] = status, ["mail"] = mailCustomer }, ct);

    /// <summary>§5.3: status, track &amp; trace, paid and the customer's mail, in one PATCH.</summary>
    public Task UpdateOrderAsync(CcvShopAccess shop, long orderId, JsonObject fields, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Patch, $"orders/{orderId}", fields, ct);

    /// <summary>§4.10: the order's internal notes.</summary>
    public async Task<IReadOnlyList<CcvOrderNote>> GetOrderNotesAsync(CcvShopAccess shop, long orderId,
        CancellationToken ct) => await ListAsync<CcvOrderNote>(shop, $"orders/{orderId}/ordernotes", [],
            ct).ToListAsync(ct);

    /// <summary>§5.4: an internal note on the order.</summary>
    public Task AddOrderNoteAsync(CcvShopAccess shop, long orderId, string note, CancellationToken ct) =>
        SendAsync<CcvOrderNote>(shop, HttpMethod.Post, $"orders/{orderId}/ordernotes",
            new JsonObject { ["note"] = note },
            ct);

    /// <summary>§4.1: POST /orders; the created order comes back. Not retried here: a lost answer is looked up
    /// (<see cref="FindOrderByReservationAsync"/>) before the caller tries again.</summary>
    public Task<CcvOrder> CreateOrderAsync(CcvShopAccess shop, JsonObject order, CancellationToken ct) =>
        SendAsync<CcvOrder>(shop, HttpMethod.Post, "orders", order, ct);

    /// <summary>The order created since a day with this reservation number. The shop cannot filter on it (§2.4), so
    /// the day's orders are read, newest first.</summary>
    public async Task<CcvOrder?> FindOrderByReservationAsync(CcvShopAccess shop, string reservation,
        DateTimeOffset createdFrom, CancellationToken ct)
    {
        await foreach (var order in ListOrdersAsync(shop, new CcvOrderFilter(CreatedFrom: createdFrom,
            OrderBy: "id_desc"), ct))
            if (order.Reservationnumber == reservation) return order;
        return null;
    }

    /// <summary>§5.1: product-level stock; with <paramref name="enableStock"/> also switches stock keeping on.</summary>
    public Task SetProductStockAsync(CcvShopAccess shop, long productId, decimal stock, bool? enableStock, CancellationToken ct)
    {
        var body = new JsonObject { ["stock"] = stock };
        if (enableStock is { } enable) body["stockenabled"] = enable;
        return SendAsync(shop, HttpMethod.Patch, $"products/{productId}", body, ct);
    }

    /// <summary>§5.2: a variant's stock.</summary>
    public Task SetVariantStockAsync(CcvShopAccess shop, long combinationId, decimal stock, CancellationToken ct) =>
        SendAsync(shop, HttpMethod.Patch, $"attributecombinations/{combinationId}", new JsonObject { ["stock"] = stock }, ct);

    private async Task<T> GetAsync<T>(CcvShopAccess shop, string relative, CancellationToken ct)
    {
        using var response = await CallAsync(shop, HttpMethod.Get, Url(shop, relative), null, ct);
        return (await response.Content.ReadFromJsonAsync<T>(CcvJson.Options, ct))!;
    }

    private async IAsyncEnumerable<T> ListAsync<T>(CcvShopAccess shop, string relative, IReadOnlyList<(string Key, string Value)> query,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var first = string.Join('&', query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}").Prepend($"start=0&size={options.PageSize}"));
        string? next = $"{Url(shop, relative)}?{first}";
        while (next is not null)
        {
            CcvPage<T> page;
            using (var response = await CallAsync(shop, HttpMethod.Get, next, null, ct))
                page = (await response.Content.ReadFromJsonAsync<CcvPage<T>>(CcvJson.Options, ct))!;
            foreach (var item in page.Items) yield return item;
            // next is absolute and repeats the filters (§2.3); null on the last page.
            next = string.IsNullOrEmpty(page.Next) || page.Items.Count == 0 ? null : page.Next;
        }
    }

    private async Task<T> SendAsync<T>(CcvShopAccess shop, HttpMethod method, string relative, JsonObject? body, CancellationToken ct)
    {
        using var response = await CallAsync(shop, method, Url(shop, relative), body, ct);
        return (await response.Content.ReadFromJsonAsync<T>(CcvJson.Options, ct))!;
    }

    private async Task SendAsync(CcvShopAccess shop, HttpMethod method, string relative, JsonObject? body, CancellationToken ct)
    {
        using var _ = await CallAsync(shop, method, Url(shop, relative), body, ct);
    }

    private async Task<HttpResponseMessage> CallAsync(CcvShopAccess shop, HttpMethod method, string url, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        // Serialised once: the signing handler hashes exactly these bytes (§1.2).
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Options.Set(CcvSigningHandler.AccessKey, shop);
        var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ErrorAsync(response, ct);
    }

    private static async Task<CcvShopException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var error = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            return new CcvShopException(status, error?["code"]?.ToString() ?? status.ToString(), error?["developermessage"]?.ToString() ?? response.ReasonPhrase ?? "");
        }
        catch (JsonException)
        {
            return new CcvShopException(status, status.ToString(), response.ReasonPhrase ?? "");
        }
    }

    private static string Url(CcvShopAccess shop, string relative) => $"{shop.BaseUrl.TrimEnd('/')}/api/rest/v1/{relative}";
}

/// <summary>Order filters (§2.4). Dates as yyyy-MM-dd; the accepted format is unknown (§8.7).</summary>
public sealed record CcvOrderFilter(int? Status = null, bool? IsPaid = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedUntil = null, string OrderBy = "create_date_desc")
{
    public IReadOnlyList<(string, string)> ToQuery()
    {
        var query = new List<(string, string)>();
        if (Status is { } status) query.Add(("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (IsPaid is { } paid) query.Add(("is_paid", paid ? "true" : "false"));
        if (CreatedFrom is { } from) query.Add(("min_create_date", from.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        if (CreatedUntil is { } until) query.Add(("max_create_date", until.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        query.Add(("orderby", OrderBy));
        return query;
    }
}
