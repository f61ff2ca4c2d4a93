using System.Net;
using System.Text.Json.Nodes;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.Tests.AccountView;

public sealed class AccountViewDataTests : SimulatorTest
{
    private AccountViewCalls _av = null!;

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

    [Fact]
    public async Task Debtor_is_found_by_email_whatever_the_case_of_names()
    {
        var answer = await _av.ReadAsync("businessobject=ar1&pagesize=1&FilterControlSource1=MAIL_BUS&FilterOperator1=Equal&FilterValueType1=C&FilterValue1=JAN%40example.nl&FilterIsListOfValues1=false");

        var debtor = answer["CONTACT"]!.AsArray().Single()!;
        debtor["SUB_NR"]!.GetValue<string>().ShouldBe("10001");
        debtor["CONTACT_Id"].ShouldNotBeNull();
        debtor["EXT_KEY"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Articles_changed_since_a_time_are_read_page_by_page_with_the_asked_fields()
    {
        Clock.Advance(TimeSpan.FromMinutes(30));
        Host.AccountView.SetStockOnShelf("ART-00001", 99);
        Host.AccountView.SetStockOnShelf("ART-00005", 98);
        Host.AccountView.SetStockOnShelf("ART-00007", 97);
        const string since = "BusinessObject=AK1&FilterControlSource1=CNG_DATE&FilterOperator1=DateOnOrAfterDate&FilterValueType1=T&FilterValue1=%7B%5E2026-03-01%2009%3A30%3A00%7D&Fields=art_code,qty_tech,cng_date&SortFields=art_code&SortOrder=Ascending&PageSize=2";

        var first = await _av.ReadAsync(since + "&PageNumber=1");
        var second = await _av.ReadAsync(since + "&PageNumber=2");

        first["ARTICLE"]!.AsArray().Select(a => a!["ART_CODE"]!.GetValue<string>()).ShouldBe(["ART-00001", "ART-00005"]);
        second["ARTICLE"]!.AsArray().Select(a => a!["ART_CODE"]!.GetValue<string>()).ShouldBe(["ART-00007"]);
        first["ARTICLE"]![0]!.AsObject().Select(p => p.Key).ShouldBe(["ART_CODE", "QTY_TECH", "CNG_DATE", "EXT_KEY", "ARTICLE_Id"], ignoreOrder: true);
    }

    [Fact]
    public async Task Keyset_paging_with_lastKey_and_descending_sort_work()
    {
        var afterKey = await _av.ReadAsync("BusinessObject=VA1&lastKey=H1&PageSize=10");
        var descending = await _av.ReadAsync("BusinessObject=GL1&SortFields=ACCT_NR&SortOrder=descending&PageSize=2");

        afterKey["VAT"]!.AsArray().Select(v => v!["VAT_CODE"]!.GetValue<string>()).ShouldBe(["L1", "N0"]);
        descending["LEDGER"]!.AsArray().Select(l => l!["ACCT_NR"]!.GetValue<string>()).ShouldBe(["8400", "8300"]);
    }

    [Fact]
    public async Task New_debtor_gets_a_number_and_upper_case_codes_from_a_lower_case_envelope()
    {
        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", AccountViewCalls.Envelope("AR1", "CONTACT",
            ["RowId", "ACCT_NR", "ACCT_NAME", "SRC_CODE", "CNT_CODE", "MAIL_BUS"], [[1, "1300", "Piet Puk", "puk", "nl", "piet@example.nl"]], lowerCase: true));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        var created = body!["CONTACT"]![0]!;
        created["SUB_NR"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        created["SRC_CODE"]!.GetValue<string>().ShouldBe("PUK");
        created["CNT_CODE"]!.GetValue<string>().ShouldBe("NL");
        Host.AccountView.Rows("CONTACT").Count(c => c["MAIL_BUS"]?.ToString() == "piet@example.nl").ShouldBe(1);
    }

    public static TheoryData<string, string, string> BadWrites => new()
    {
        { "no name", AccountViewCalls.Envelope("AR1", "CONTACT", ["RowId", "SRC_CODE"], [["1", "X"]]), "ACCT_NAME" },
        { "name too long", AccountViewCalls.Envelope("AR1", "CONTACT", ["RowId", "ACCT_NAME", "SRC_CODE"], [["1", new string('x', 41), "X"]]), "langer dan 40" },
        { "existing number", AccountViewCalls.Envelope("AR1", "CONTACT", ["RowId", "SUB_NR", "ACCT_NAME", "SRC_CODE"], [["1", "10001", "Dubbel", "X"]]), "bestaat al" },
        { "values out of step", AccountViewCalls.Envelope("AR1", "CONTACT", ["RowId", "ACCT_NAME", "SRC_CODE"], [["1", "Naam"]]), "2 values for 3 fields" },
        { "unknown object", AccountViewCalls.Envelope("XX9", "CONTACT", ["RowId"], [["1"]]), "onbekend" },
        { "read-only object", AccountViewCalls.Envelope("VA1", "VAT", ["RowId", "VAT_CODE"], [["1", "ZZ"]]), "cannot be changed" },
        { "unknown article on an order", AccountViewCalls.Envelope("SO1", "SO_HDR", ["RowId", "RPL_INV"], [["1", "10001"]], "SO_LINE", ["RowId", "HeaderId", "ART_CODE", "ORD_QTY"], [["1", "1", "NOPE", 1]]), "Artikel NOPE" },
        { "unknown debtor on an order", AccountViewCalls.Envelope("SO1", "SO_HDR", ["RowId", "RPL_INV"], [["1", "99999"]], "SO_LINE", ["RowId", "HeaderId", "ART_CODE", "ORD_QTY"], [["1", "1", "ART-00001", 1]]), "Debiteur 99999" },
    };

    [Theory]
    [MemberData(nameof(BadWrites))]
    public async Task Bad_writes_get_the_error_shape_and_store_nothing(string name, string envelope, string message)
    {
        var before = Host.AccountView.Rows("CONTACT").Count + Host.AccountView.Rows("SO_HDR").Count;

        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", envelope);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, name);
        body!["ErrorType"]!.GetValue<string>().ShouldBe("AccountViewError");
        body["ErrorMessage"]!.GetValue<string>().ShouldContain(message);
        (Host.AccountView.Rows("CONTACT").Count + Host.AccountView.Rows("SO_HDR").Count).ShouldBe(before);
    }

    [Fact]
    public async Task A_sales_order_reserves_stock_and_moves_the_change_date()
    {
        var before = Host.AccountView.Rows("ARTICLE").Single(a => a["ART_CODE"]!.ToString() == "ART-00001");
        Clock.Advance(TimeSpan.FromMinutes(5));

        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", AccountViewCalls.Envelope("SO1", "SO_HDR",
            ["RowId", "RPL_INV", "COMMENT1"], [[1, "10001", "WEB-1001"]],
            "SO_LINE", ["RowId", "HeaderId", "ART_CODE", "ORD_QTY", "ART_PX"], [[1, 1, "ART-00001", 2, 10.5], [2, 1, "VERZEND", 1, 4.95]]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        body!["SO_HDR"]![0]!["ORD_NR"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body["SO_LINE"]!.AsArray().Count.ShouldBe(2);
        var after = Host.AccountView.Rows("ARTICLE").Single(a => a["ART_CODE"]!.ToString() == "ART-00001");
        after["QTY_FREE2"].Dec().ShouldBe(before["QTY_FREE2"].Dec() - 2);
        after["QTY_TECH"].Dec().ShouldBe(before["QTY_TECH"].Dec());
        after["CNG_DATE"]!.GetValue<string>().ShouldBe("2026-03-01T09:05:30");
        var found = await _av.ReadAsync("BusinessObject=SO1&FilterControlSource1=COMMENT1&FilterOperator1=Equal&FilterValueType1=C&FilterValue1=WEB-1001");
        found["SO_HDR"]!.AsArray().Count.ShouldBe(1);
        found["SO_LINE"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_sales_invoice_is_a_journal_page_with_lines()
    {
        var (response, body) = await _av.SendAsync(HttpMethod.Post, "accountviewdata", AccountViewCalls.Envelope("DJ2", "DJ_PAGE",
            ["RowId", "DJ_CODE", "SUB_NR", "HDR_DESC"], [["1", "70", "10001", "WEB-1002"]],
            "DJ_LINE", ["RowId", "HeaderId", "ACCT_NR", "AMOUNT", "VAT_CODE"], [["1", "1", "8000", 100, "H1"]]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body?.ToJsonString());
        body!["DJ_PAGE"]![0]!["INV_NR"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        body["DJ_LINE"]![0]!["AMOUNT"]!.GetValue<decimal>().ShouldBe(100);
    }

    [Fact]
    public async Task Put_updates_the_debtor_its_id_and_key_name()
    {
        var (response, _) = await _av.SendAsync(HttpMethod.Put, "accountviewdata",
            AccountViewCalls.Envelope("AR1", "CONTACT", ["RowId", "SUB_NR", "CITY"], [["1", "10001", "Amersfoort"]], id: "10001"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var debtor = Host.AccountView.Rows("CONTACT").Single(c => c["SUB_NR"]!.ToString() == "10001");
        debtor["CITY"]!.GetValue<string>().ShouldBe("Amersfoort");
        debtor["ACCT_NAME"]!.GetValue<string>().ShouldBe("Jan Jansen");
    }

    [Theory]
    [InlineData(null, "vraagt een id")]
    [InlineData("10002", "hoort niet bij CONTACT 10001")]
    public async Task Put_without_the_top_level_id_of_its_row_is_refused(string? id, string message)
    {
        var (response, body) = await _av.SendAsync(HttpMethod.Put, "accountviewdata",
            AccountViewCalls.Envelope("AR1", "CONTACT", ["RowId", "SUB_NR", "CITY"], [["1", "10001", "Amersfoort"]], id: id));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body!["ErrorMessage"]!.GetValue<string>().ShouldContain(message);
        Host.AccountView.Rows("CONTACT").Single(c => c["SUB_NR"]!.ToString() == "10001")["CITY"]!.GetValue<string>().ShouldBe("Utrecht");
    }

    [Fact]
    public async Task A_write_that_succeeds_but_answers_500_is_stored()
    {
        Host.AccountView.Faults.Set(new FaultSettings { SucceedThen500 = 1 });

        var (response, _) = await _av.SendAsync(HttpMethod.Post, "accountviewdata",
            AccountViewCalls.Envelope("AG1", "ART_GRP", ["RowId", "AG_CODE", "AG_DESC"], [["1", "NIEUW", "Nieuw"]]));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        Host.AccountView.Rows("ART_GRP").Count(g => g["AG_CODE"]!.ToString() == "NIEUW").ShouldBe(1);
    }

    [Fact]
    public async Task Token_expiry_fault_ends_every_access_token()
    {
        using var http = new HttpClient();
        (await http.PostAsync($"{Host.AccountViewUrl}/__control/expire-tokens", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var (response, _) = await _av.SendAsync(HttpMethod.Get, "accountviewdata?BusinessObject=VA1");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
