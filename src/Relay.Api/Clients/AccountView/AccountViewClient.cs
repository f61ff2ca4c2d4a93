using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relay.Api.Clients.AccountView;

/// <summary>
/// Relay's only way to AccountView.net (accountview-api.md). Reads and writes go through
/// /api/v3/accountviewdata; tokens, x-company and resilience come from the handlers of its HttpClient. Every write is
/// fitted to the administration's data dictionary first (<see cref="AccountViewFit"/>): AccountView refuses unknown
/// fields.
/// </summary>
public sealed partial class AccountViewClient(IHttpClientFactory clients, AccountViewClientOptions options,
    TimeProvider clock)
{
    public const string HttpClientName = "accountview";
    public AccountViewSchema Schema => options.Schema;

    public async Task<IReadOnlyList<AvCompany>> GetCompaniesAsync(AccountViewAccess access, CancellationToken ct)
    {
        using var response = await CallAsync(access, HttpMethod.Get, $"{access.ApiBase}/companies", null, ct);
        return (await response.Content.ReadFromJsonAsync<List<AvCompany>>(ct))!;
    }

    /// <summary>One page of a business object (§2.2), as rows per table (§2.3).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<AvRow>>> ReadAsync(AccountViewAccess access, string businessObject,
        IReadOnlyList<AvFilter> filters, int pageSize, int pageNumber = 1, string? sortField = null, CancellationToken ct = default)
    {
        var query = new StringBuilder($"BusinessObject={Uri.EscapeDataString(businessObject)}&PageSize={pageSize}&PageNumber={pageNumber}");
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var n = i + 1;
            query.Append($"&FilterControlSource{n}={Uri.EscapeDataString(f.Field)}&FilterOperator{n}={f.Operator}&FilterValueType{n}={f.ValueType}")
                 .Append($"&FilterValue{n}={Uri.EscapeDataString(f.Value)}&FilterIsListOfValues{n}=false");
        }
        if (sortField is not null) query.Append($"&SortFields={sortField}&SortOrder=Ascending");
        using var response = await CallAsync(access, HttpMethod.Get, $"{access.ApiBase}/accountviewdata?{query}", null, ct, notFoundIsEmpty: true);
        if (response.StatusCode == HttpStatusCode.NotFound) return new Dictionary<string, IReadOnlyList<AvRow>>();
        return await TablesAsync(response, ct);
    }

    public async Task<AvRow?> FindDebtorByEmailAsync(AccountViewAccess access, string email, CancellationToken ct) =>
        await FirstAsync(access, Schema.Debtors, Schema.DebtorTable, AvFilter.Equal("MAIL_BUS", email), ct);

    public async Task<AvRow?> FindDebtorAsync(AccountViewAccess access, string debtorNumber, CancellationToken ct) =>
        await FirstAsync(access, Schema.Debtors, Schema.DebtorTable, AvFilter.Equal("SUB_NR", debtorNumber), ct);

    /// <summary>Creates a debtor once: an ambiguous failure is followed by a look-up by e-mail before any retry.</summary>
    public Task<AvRow> CreateDebtorAsync(AccountViewAccess access, string email, IReadOnlyList<AvField> fields, CancellationToken ct) =>
        CreateOnceAsync(() => InsertAsync(access, Schema.Debtors, Schema.DebtorTable, fields, null, null, ct),
            () => FindDebtorByEmailAsync(access, email, ct), ct);

    /// <summary>Updates the debtor with this number: PUT with a top-level "id" and the key in the row, as S4 does
    /// (§2.1).</summary>
    public Task<AvRow> UpdateDebtorAsync(AccountViewAccess access, string debtorNumber, IReadOnlyList<AvField> fields, CancellationToken ct) =>
        UpdateAsync(access, Schema.Debtors, Schema.DebtorTable, AvField.Text("SUB_NR", debtorNumber), fields, ct);

    /// <summary>Updates the article with this code (PUT with the "id" and the key, as debtors).</summary>
    public Task<AvRow> UpdateArticleAsync(AccountViewAccess access, string code, IReadOnlyList<AvField> fields, CancellationToken ct) =>
        UpdateAsync(access, Schema.Articles, Schema.ArticleTable, AvField.Text("ART_CODE", code), fields, ct);

    /// <summary>Articles whose code contains this text, every page (a family's variants share their base code).</summary>
    public async Task<IReadOnlyList<AvRow>> FindArticlesContainingAsync(AccountViewAccess access, string codePart, CancellationToken ct)
    {
        var rows = new List<AvRow>();
        for (var page = 1; ; page++)
        {
            var tables = await ReadAsync(access, Schema.Articles, [new AvFilter("ART_CODE", "Contains", codePart)], options.PageSize, page, "ART_CODE", ct);
            var found = tables.GetValueOrDefault(Schema.ArticleTable) ?? [];
            rows.AddRange(found);
            if (found.Count < options.PageSize) return rows;
        }
    }

    /// <summary>Creates an article group (AG1, §3.1) once.</summary>
    public Task<AvRow> CreateArticleGroupAsync(AccountViewAccess access, string code, string description, CancellationToken ct) =>
        CreateOnceAsync(() => InsertAsync(access, Schema.ArticleGroups, "ART_GRP", [AvField.Text("AG_CODE", code), AvField.Text("AG_DESC", description)], null, null, ct),
            async () => (await ReadCodesAsync(access, AvCodeList.ArticleGroups, ct)).FirstOrDefault(g => string.Equals(g.Code, code, StringComparison.OrdinalIgnoreCase))?.Row, ct);

    private async Task<AvRow> UpdateAsync(AccountViewAccess access, string bo, string table, AvField key, IReadOnlyList<AvField> fields, CancellationToken ct)
    {
        var (fitted, _) = AccountViewFit.Apply(access.Fields, table, fields.Prepend(key).ToList());
        var envelope = AccountViewEnvelopeBuilder.Build(bo, table, fitted, clock.GetUtcNow(), id: key.AsText);
        if (access.DryRun is { } dryRun) return dryRun.Record("PUT", $"{access.ApiBase}/accountviewdata", envelope);
        using var response = await CallAsync(access, HttpMethod.Put, $"{access.ApiBase}/accountviewdata", envelope, ct);
        return (await TablesAsync(response, ct))[table][0];
    }

    /// <summary>A delivery address for a debtor (§3.8); its REC_ID goes into the sales order's DEL_CODE.</summary>
    public Task<AvRow> CreateDeliveryAddressAsync(AccountViewAccess access, string debtorNumber, IReadOnlyList<AvField> fields, CancellationToken ct) =>
        InsertAsync(access, Schema.DeliveryAddresses, Schema.DeliveryAddressTable, fields.Prepend(AvField.Text("SUB_NR", debtorNumber)).ToList(), null, null, ct);

    public async Task<IReadOnlyList<AvRow>> GetDeliveryAddressesAsync(AccountViewAccess access, string debtorNumber, CancellationToken ct) =>
        await RowsAsync(access, Schema.DeliveryAddresses, Schema.DeliveryAddressTable, [AvFilter.Equal("SUB_NR", debtorNumber)], ct);

    public Task<AvRow?> FindArticleAsync(AccountViewAccess access, string code, CancellationToken ct) =>
        FirstAsync(access, Schema.Articles, Schema.ArticleTable, AvFilter.Equal("ART_CODE", code), ct);

    public Task<AvRow> CreateArticleAsync(AccountViewAccess access, string code, IReadOnlyList<AvField> fields, CancellationToken ct) =>
        CreateOnceAsync(() => InsertAsync(access, Schema.Articles, Schema.ArticleTable, fields.Prepend(AvField.Text("ART_CODE", code)).ToList(), null, null, ct),
            () => FindArticleAsync(access, code, ct), ct);

    /// <summary>Articles changed on or after a time (§4.2), or all of them without one; every page, by article code.</summary>
    public async IAsyncEnumerable<AvRow> ReadArticlesAsync(AccountViewAccess access, DateTimeOffset? changedSince,
        [EnumeratorCancellation] CancellationToken ct)
    {
        AvFilter[] filters = changedSince is { } since ? [AvFilter.ChangedSince(since)] : [];
        for (var page = 1; ; page++)
        {
            var tables = await ReadAsync(access, Schema.Articles, filters, options.PageSize, page, "ART_CODE", ct);
            var rows = tables.GetValueOrDefault(Schema.ArticleTable) ?? [];
            foreach (var row in rows) yield return row;
            if (rows.Count < options.PageSize) yield break;
        }
    }

    public async Task<IReadOnlyList<AvCode>> ReadCodesAsync(AccountViewAccess access, AvCodeList list, CancellationToken ct)
    {
        var bo = Schema.BusinessObjectOf(list);
        var (table, code, description) = list switch
        {
            AvCodeList.VatCodes => ("VAT", "VAT_CODE", "VAT_NAME"),
            AvCodeList.Ledgers => ("LEDGER", "ACCT_NR", "ACCT_NAME"),
            AvCodeList.PaymentTerms => ("DISC_COND", "DISC_CODE", "DISC_DESC"),
            AvCodeList.PaymentMethods => ("PAY_METH", "PAY_CODE", "PAY_DESC"),
            AvCodeList.ShippingMethods => ("SHIP_MTH", "SHIP_MTH", "SHIP_DESC"),
            _ => ("ART_GRP", "AG_CODE", "AG_DESC"),
        };
        var rows = new List<AvCode>();
        for (var page = 1; ; page++)
        {
            var tables = await ReadAsync(access, bo, [], options.PageSize, page, null, ct);
            var found = tables.GetValueOrDefault(table) ?? [];
            rows.AddRange(found.Select(r => new AvCode(r[code] ?? "", r[description] ?? "", r)));
            if (found.Count < options.PageSize) return rows;
        }
    }

    /// <summary>The existence check of the order flow: a sales order carrying this webshop order number.</summary>
    public Task<AvRow?> FindSalesOrderAsync(AccountViewAccess access, string webshopOrderNumber, CancellationToken ct) =>
        FirstAsync(access, Schema.SalesOrders, Schema.SalesOrderTable, AvFilter.Equal(Schema.SalesOrderReferenceField, webshopOrderNumber), ct);

    public Task<AvRow?> FindSalesInvoiceAsync(AccountViewAccess access, string webshopOrderNumber, CancellationToken ct) =>
        FirstAsync(access, Schema.SalesInvoices, Schema.SalesInvoiceTable, AvFilter.Equal(Schema.SalesInvoiceReferenceField, webshopOrderNumber), ct);

    /// <summary>Sales orders changed on or after a time (§4.2), every page, with their lines.</summary>
    public async IAsyncEnumerable<AvSalesOrder> ReadSalesOrdersAsync(AccountViewAccess access, DateTimeOffset since,
        [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var tables = await ReadAsync(access, Schema.SalesOrders, [AvFilter.ChangedSince(since)], options.PageSize,
                page, Schema.SalesOrderNumberField, ct);
            var headers = tables.GetValueOrDefault(Schema.SalesOrderTable) ?? [];
            foreach (var order in SalesOrders(headers, tables)) yield return order;
            if (headers.Count < options.PageSize) yield break;
        }
    }

    /// <summary>One sales order with its lines, by a header field (its number, or the webshop order number).</summary>
    public async Task<AvSalesOrder?> ReadSalesOrderAsync(AccountViewAccess access, string field, string value,
        CancellationToken ct)
    {
        var tables = await ReadAsync(access, Schema.SalesOrders, [AvFilter.Equal(field, value)], options.PageSize, 1,
            null, ct);
        return SalesOrders(tables.GetValueOrDefault(Schema.SalesOrderTable) ?? [], tables).FirstOrDefault();
    }

    private IEnumerable<AvSalesOrder> SalesOrders(IReadOnlyList<AvRow> headers,
        IReadOnlyDictionary<string, IReadOnlyList<AvRow>> tables)
    {
        var lines = (tables.GetValueOrDefault(Schema.SalesOrderLineTable) ?? [])
            .ToLookup(l => l[Schema.SalesOrderNumberField]);
        return headers.Select(h => new AvSalesOrder(h, lines[h[Schema.SalesOrderNumberField]].ToList()));
    }

    /// <summary>Creates a sales order (SO1) once, even when AccountView's answer is lost (re-checked by reference).</summary>
    public Task<AvRow> CreateSalesOrderAsync(AccountViewAccess access, AvDocument order, CancellationToken ct) =>
        CreateOnceAsync(() => InsertAsync(access, Schema.SalesOrders, Schema.SalesOrderTable,
                order.Header.Append(AvField.Text(Schema.SalesOrderReferenceField, order.Reference)).ToList(), Schema.SalesOrderLineTable, order.Lines, ct),
            () => FindSalesOrderAsync(access, order.Reference, ct), ct);

    /// <summary>Creates a sales invoice (a DJ2 page in the sales journal, §3.9) once.</summary>
    public Task<AvRow> CreateSalesInvoiceAsync(AccountViewAccess access, AvDocument invoice, CancellationToken ct) =>
        CreateOnceAsync(() => InsertAsync(access, Schema.SalesInvoices, Schema.SalesInvoiceTable,
                invoice.Header.Append(AvField.Text(Schema.SalesInvoiceReferenceField, invoice.Reference)).ToList(), Schema.SalesInvoiceLineTable, invoice.Lines, ct),
            () => FindSalesInvoiceAsync(access, invoice.Reference, ct), ct);

    /// <summary>
    /// A create is never retried blindly: when its outcome is unknown (a server error, a timeout, a lost
    /// connection), the record is looked up first, and only created again when it is not there.
    /// </summary>
    private static async Task<AvRow> CreateOnceAsync(Func<Task<AvRow>> create, Func<Task<AvRow?>> find, CancellationToken ct)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await create();
            }
            catch (Exception e) when (attempt < attempts && IsAmbiguous(e, ct))
            {
                if (await find() is { } existing) return existing;
            }
        }
    }

    private static bool IsAmbiguous(Exception e, CancellationToken ct) => e switch
    {
        AccountViewException av => av.Status >= 500,
        HttpRequestException => true,
        TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException => !ct.IsCancellationRequested,
        _ => false,
    };

    private async Task<AvRow?> FirstAsync(AccountViewAccess access, string bo, string table, AvFilter filter, CancellationToken ct) =>
        (await RowsAsync(access, bo, table, [filter], ct)).FirstOrDefault();

    private async Task<IReadOnlyList<AvRow>> RowsAsync(AccountViewAccess access, string bo, string table, IReadOnlyList<AvFilter> filters, CancellationToken ct) =>
        (await ReadAsync(access, bo, filters, options.PageSize, 1, null, ct)).GetValueOrDefault(table) ?? [];

    private async Task<AvRow> InsertAsync(AccountViewAccess access, string bo, string table, IReadOnlyList<AvField> header,
        string? detailTable, IReadOnlyList<IReadOnlyList<AvField>>? lines, CancellationToken ct)
    {
        var (fittedHeader, _) = AccountViewFit.Apply(access.Fields, table, header);
        var fittedLines = detailTable is null || lines is null ? lines
            : AccountViewFit.ApplyToLines(access.Fields, detailTable, lines).Lines;
        var envelope = AccountViewEnvelopeBuilder.Build(bo, table, fittedHeader, clock.GetUtcNow(), detailTable,
            fittedLines);
        if (access.DryRun is { } dryRun) return dryRun.Record("POST", $"{access.ApiBase}/accountviewdata", envelope);
        using var response = await CallAsync(access, HttpMethod.Post, $"{access.ApiBase}/accountviewdata", envelope, ct);
        var tables = await TablesAsync(response, ct);
        return tables.TryGetValue(table, out var rows) && rows.Count > 0
            ? rows[0]
            : throw new AccountViewException(200, "UnexpectedAnswer", $"AccountView answered the insert without a {table} row.");
    }

    private async Task<HttpResponseMessage> CallAsync(AccountViewAccess access, HttpMethod method, string url, JsonObject? body, CancellationToken ct,
        bool notFoundIsEmpty = false)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Options.Set(AccountViewAuthHandler.AccessKey, access);
        var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode || (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound)) return response;
        using (response) throw await ErrorAsync(response, ct);
    }

    /// <summary>Table-keyed rows; an error body is an error even with a 2xx status (§2.6: S1 checks both).</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<AvRow>>> TablesAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var root = await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
        if (root["ErrorMessage"] is { } message && message.ToString().Length > 0)
            throw new AccountViewException((int)response.StatusCode, root["ErrorType"]?.ToString() ?? "AccountViewError", message.ToString());
        return root.Where(p => p.Value is JsonArray)
            .ToDictionary(p => p.Key.ToUpperInvariant(), p => (IReadOnlyList<AvRow>)p.Value!.AsArray().OfType<JsonObject>().Select(r => new AvRow(r)).ToList(),
                StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<AccountViewException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            var error = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            return new AccountViewException(status, error?["ErrorType"]?.ToString() ?? "HttpError", error?["ErrorMessage"]?.ToString() ?? response.ReasonPhrase ?? "");
        }
        catch (JsonException)
        {
            return new AccountViewException(status, "HttpError", response.ReasonPhrase ?? "");
        }
    }
}
