using System.Net;
using System.Text.Json.Nodes;
using Relay.Simulators.AccountView;

namespace Relay.Simulators.Tests.AccountView;

/// <summary>
/// The simulator is strict like a real administration: fields and business objects it does not have are refused with
/// AccountView's own texts, and it serves its data dictionary (accountview-api.md §2.8, §3.1, Example 9).
/// </summary>
public sealed class AccountViewDictionaryTests : SimulatorTest
{
    private AccountViewCalls _av = null!;

    protected override AccountViewOptions AccountViewOptions => new()
    {
        SeedArticles = 20,
        Companies = [new("sandbox-company", "Standaard BV", "STD"), new("extended-company", "Uitgebreid BV", "EXT", CompanyProfile.Extended)],
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _av = new AccountViewCalls(Host.AccountViewUrl);
        await _av.AuthoriseAsync();
    }

    public override async Task DisposeAsync()
    {
        _av.Dispose();
        await base.DisposeAsync();
    }

    private static string SalesOrderWithPaymentType() => AccountViewCalls.Envelope("SO1", "SO_HDR",
        ["RowId", "RPL_INV", "COMMENT1", "PAY_TYPE"], [[1, "10001", "WEB-1", "IDEAL"]],
        "SO_LINE", ["RowId", "HeaderId", "ART_CODE", "ORD_QTY", "ART_PX"], [[1, 1, "ART-00001", 1, 10]]);

    [Fact]
    public async Task A_field_the_table_does_not_have_is_refused_and_nothing_is_stored()
    {
        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", SalesOrderWithPaymentType());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body!["ErrorType"]!.GetValue<string>().ShouldBe("AccountViewError");
        body["ErrorMessage"]!.GetValue<string>().ShouldBe("Veld SO_HDR.PAY_TYPE bestaat niet.");
        Host.AccountView.Rows("SO_HDR").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_administration_with_the_field_takes_it()
    {
        _av.Company = "extended-company";

        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", SalesOrderWithPaymentType());

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        Host.AccountView.Rows("SO_HDR", "extended-company").Single()["PAY_TYPE"]!.GetValue<string>().ShouldBe("IDEAL");
    }

    [Fact]
    public async Task A_detail_field_the_line_table_does_not_have_is_refused()
    {
        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", AccountViewCalls.Envelope("SO1", "SO_HDR",
            ["RowId", "RPL_INV"], [[1, "10001"]], "SO_LINE", ["RowId", "HeaderId", "ART_CODE", "ORD_QTY", "VAT_CODE"], [[1, 1, "ART-00001", 1, "H1"]]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body!["ErrorMessage"]!.GetValue<string>().ShouldBe("Veld SO_LINE.VAT_CODE bestaat niet.");
    }

    [Theory]
    [InlineData("BusinessObject=DC1", "Business object 'DC1' is onbekend.")]
    [InlineData("BusinessObject=AK1&FilterControlSource1=QTY_RES&FilterOperator1=Equal&FilterValueType1=N&FilterValue1=0",
        "Veld ARTICLE.QTY_RES bestaat niet.")]
    [InlineData("BusinessObject=SO1&Fields=so_hdr.pay_type", "Veld SO_HDR.PAY_TYPE bestaat niet.")]
    public async Task A_read_of_what_the_administration_lacks_is_refused(string query, string message)
    {
        var (response, body) = await _av.SendAsync(HttpMethod.Get, $"accountviewdata?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body!["ErrorMessage"]!.GetValue<string>().ShouldBe(message);
    }

    [Fact]
    public async Task The_business_objects_are_listed_with_their_rights()
    {
        var (standard, _) = await Objects("sandbox-company");
        var (extended, _) = await Objects("extended-company");

        standard.Select(o => o!["Code"]!.GetValue<string>()).ShouldContain("SO1");
        standard.Select(o => o!["Code"]!.GetValue<string>()).ShouldNotContain("DC1");
        extended.Select(o => o!["Code"]!.GetValue<string>()).ShouldContain("DC1");
        standard.Single(o => o!["Code"]!.GetValue<string>() == "VA1")!["InsertAllowed"]!.GetValue<bool>().ShouldBeFalse();
    }

    private async Task<(JsonArray List, HttpStatusCode Status)> Objects(string company)
    {
        _av.Company = company;
        var (response, body) = await _av.SendAsync(HttpMethod.Get, "accountviewsystembusinessobjects");
        return (body!.AsArray(), response.StatusCode);
    }

    [Fact]
    public async Task The_data_dictionary_lists_a_tables_fields_as_the_verbatim_call_asks()
    {
        // Example 9's URL, with SO_HDR for VAT.
        const string query = "businessobject=fld&pagesize=256&fields=dct_fld.FLD_DESC,dct_fld.FIELD_NAME,dct_fld.DBF_NAME,dct_fld.FIELD_LEN,"
            + "dct_fld.FIELD_TYPE,dct_fld.INP_MAND,dct_fld.FLD_FMT,dct_fld.FLD_MASK,dct_fld.COM_BLK&FilterControlSource1=DBF_NAME"
            + "&FilterOperator1=Contains&FilterValue1=SO_HDR&FilterValueType1=C&SortFields=FLD_DESC&SortOrder=Ascending";

        var standard = await Fields("sandbox-company", query);
        var extended = await Fields("extended-company", query);

        standard.ShouldContainKey("RPL_INV");
        standard.ShouldNotContainKey("PAY_TYPE");
        extended["PAY_TYPE"]!["FIELD_LEN"]!.GetValue<int>().ShouldBe(25);
        extended["PAY_TYPE"]!["FIELD_TYPE"]!.GetValue<string>().ShouldBe("C");
        standard["RPL_INV"]!["INP_MAND"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task The_live_dictionary_of_contact_is_served_whole()
    {
        var contact = await Fields("sandbox-company", "businessobject=fld&pagesize=256&FilterControlSource1=DBF_NAME&FilterOperator1=Equal"
            + "&FilterValue1=CONTACT&FilterValueType1=C");

        contact.Count.ShouldBe(189); // Appendix A
        contact["MAIL_BUS"]!["FIELD_LEN"]!.GetValue<int>().ShouldBe(50);
        contact["ACCT_NAME"]!["FLD_DESC"]!.GetValue<string>().ShouldBe("Bedrijfsnaam");
    }

    private async Task<Dictionary<string, JsonNode>> Fields(string company, string query)
    {
        _av.Company = company;
        var (response, body) = await _av.SendAsync(HttpMethod.Get, $"accountviewsystemdata?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        return body!["DCT_FLD"]!.AsArray().ToDictionary(f => f!["FIELD_NAME"]!.GetValue<string>(), f => f!);
    }

    [Fact]
    public async Task Available_stock_nets_out_reservations_unless_the_administration_keeps_them_apart()
    {
        foreach (var company in new[] { "sandbox-company", "extended-company" })
        {
            _av.Company = company;
            Host.AccountView.SetStockOnShelf("ART-00001", 10, company).ShouldBeTrue();
            var (ordered, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", AccountViewCalls.Envelope("SO1", "SO_HDR",
                ["RowId", "RPL_INV"], [[1, "10001"]], "SO_LINE", ["RowId", "HeaderId", "ART_CODE", "ORD_QTY"], [[1, 1, "ART-00001", 3]]));
            ordered.StatusCode.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        }

        var standard = (await Article("sandbox-company")).AsObject();
        var extended = (await Article("extended-company")).AsObject();

        standard["QTY_AVAIL"].Dec().ShouldBe(7);
        standard.ContainsKey("QTY_RES").ShouldBeFalse();
        extended["QTY_AVAIL"].Dec().ShouldBe(10);
        extended["QTY_RES"].Dec().ShouldBe(3);
        standard["QTY_FREE2"].Dec().ShouldBe(extended["QTY_FREE2"].Dec());
    }

    private async Task<JsonNode> Article(string company)
    {
        _av.Company = company;
        var answer = await _av.ReadAsync("BusinessObject=AK1&FilterControlSource1=ART_CODE&FilterOperator1=Equal&FilterValueType1=C&FilterValue1=ART-00001");
        return answer["ARTICLE"]![0]!;
    }
}
