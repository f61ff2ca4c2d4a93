using Alba;
using Marten;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients.AccountView;
using Relay.Api.Tests.Infrastructure;
using Relay.Simulators.AccountView;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Clients;

/// <summary>The AccountView client against the simulated AccountView over real HTTP.</summary>
[Collection(RelayCollection.Name)]
public sealed class TalkingToAccountView(RelayFixture relay) : IAsyncLifetime
{
    private AccountViewClient Client => relay.Host.Services.GetRequiredService<AccountViewClient>();
    private AccountViewTokens Tokens => relay.Host.Services.GetRequiredService<AccountViewTokens>();
    private AccountViewSimulator Simulator => relay.Simulators.AccountView;
    private AccountViewAccess Access => new("shop-1", relay.Simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret", "sandbox-company");

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await Tokens.SaveRefreshTokenAsync("shop-1", Simulator.Tokens.IssueRefreshToken(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Debtors_are_found_created_and_updated()
    {
        var existing = await Client.FindDebtorByEmailAsync(Access, "jan@example.nl", default);
        var created = await Client.CreateDebtorAsync(Access, "piet@example.nl",
            [AvField.Text("ACCT_NAME", "Piet Puk"), AvField.Text("SRC_CODE", "PUK"), AvField.Text("MAIL_BUS", "piet@example.nl"), AvField.Text("CNT_CODE", "NL")], default);
        var updated = await Client.UpdateDebtorAsync(Access, created["SUB_NR"]!, [AvField.Text("CITY", "Zwolle")], default);
        var address = await Client.CreateDeliveryAddressAsync(Access, created["SUB_NR"]!,
            [AvField.Text("DEL_NAME", "Piet Puk"), AvField.Text("ADDRESS1", "Kerkstraat 1"), AvField.Text("POST_CODE", "8000 AA"), AvField.Text("CITY", "Zwolle")], default);

        existing!["SUB_NR"].ShouldBe("10001");
        created["SUB_NR"].ShouldNotBeNullOrEmpty();
        updated["CITY"].ShouldBe("Zwolle");
        updated["ACCT_NAME"].ShouldBe("Piet Puk");
        (await Client.GetDeliveryAddressesAsync(Access, created["SUB_NR"]!, default)).Single()["REC_ID"].ShouldBe(address["REC_ID"]);
        (await Client.FindDebtorAsync(Access, created["SUB_NR"]!, default))!["MAIL_BUS"].ShouldBe("piet@example.nl");
    }

    [Fact]
    public async Task Articles_are_found_created_and_read_by_change_date_over_pages()
    {
        relay.Clock.Advance(TimeSpan.FromMinutes(10));
        var created = await Client.CreateArticleAsync(Access, "NEW-1", [AvField.Text("ART_DESC1", "Nieuw"), AvField.Text("AG_CODE", "KEUKEN")], default);
        var all = await Client.ReadArticlesAsync(Access, changedSince: null, default).ToListAsync();
        var recent = await Client.ReadArticlesAsync(Access, TestClock.Start.AddMinutes(5), default).ToListAsync();

        created["ART_CODE"].ShouldBe("NEW-1");
        (await Client.FindArticleAsync(Access, "ART-00001", default))!["ART_DESC1"].ShouldNotBeNullOrEmpty();
        (await Client.FindArticleAsync(Access, "NOPE", default)).ShouldBeNull();
        all.Count.ShouldBe(Simulator.Rows("ARTICLE").Count); // more than one page of 200
        all.Select(a => a["ART_CODE"]).Distinct().Count().ShouldBe(all.Count);
        recent.Select(a => a["ART_CODE"]).ShouldBe(["NEW-1"]);
    }

    [Theory]
    [InlineData(AvCodeList.VatCodes, "H1", "sandbox-company")]
    [InlineData(AvCodeList.Ledgers, "8000", "sandbox-company")]
    [InlineData(AvCodeList.PaymentTerms, "14", "extended-company")]
    [InlineData(AvCodeList.PaymentMethods, "IDEAL", "extended-company")]
    [InlineData(AvCodeList.ShippingMethods, "POSTNL", "extended-company")]
    [InlineData(AvCodeList.ArticleGroups, "KEUKEN", "sandbox-company")]
    public async Task Code_lists_for_mapping_are_read(AvCodeList list, string expected, string company)
    {
        var codes = await Client.ReadCodesAsync(Access with { CompanyId = company }, list, default);

        codes.Select(c => c.Code).ShouldContain(expected);
        codes.ShouldAllBe(c => c.Description.Length > 0);
    }

    [Fact]
    public async Task The_data_dictionary_says_which_fields_and_objects_each_administration_has()
    {
        var standard = await Client.ReadDictionaryAsync(Access, AccountViewClient.DictionaryTables, default);
        var extended = await Client.ReadDictionaryAsync(Access with { CompanyId = "extended-company" }, AccountViewClient.DictionaryTables, default);

        standard.Tables.Keys.ShouldBe(AccountViewClient.DictionaryTables, ignoreOrder: true);
        standard.Has("SO_HDR", "RPL_INV").ShouldBeTrue();
        standard.Has("SO_HDR", "PAY_TYPE").ShouldBeFalse();
        extended.Has("SO_HDR", "PAY_TYPE").ShouldBeTrue();
        standard.Field("CONTACT", "MAIL_BUS")!.Length.ShouldBe(50);
        standard.Table("CONTACT")!.Count.ShouldBe(189);
        standard.HasObject("SO1").ShouldBeTrue();
        standard.HasObject("DC1").ShouldBeFalse();
        extended.HasObject("DC1").ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_keeps_to_the_fields_the_administration_has_and_cuts_text_to_their_length()
    {
        var fields = await Client.ReadDictionaryAsync(Access, AccountViewClient.DictionaryTables, default);
        var order = new AvDocument("WEB-1003", [AvField.Text("RPL_INV", "10001"), AvField.Text("PAY_TYPE", "IDEAL").IfPresent(),
                AvField.Text("TO_EMAIL", new string('a', 60) + "@example.nl")],
            [[AvField.Text("ART_CODE", "ART-00001"), AvField.Number("ORD_QTY", 1), AvField.Text("VAT_CODE", "H1").IfPresent()]]);

        await Client.CreateSalesOrderAsync(Access with { Fields = fields }, order, default);
        var unknown = await Client.CreateSalesOrderAsync(Access, order with { Reference = "WEB-1004", Header = order.Header.Take(2).ToList() }, default);

        var written = Simulator.Rows("SO_HDR").Single(o => o["COMMENT1"]?.ToString() == "WEB-1003");
        written.ContainsKey("PAY_TYPE").ShouldBeFalse();
        written["TO_EMAIL"]!.ToString().Length.ShouldBe(50);
        Simulator.Rows("SO_LINE").ShouldAllBe(l => !l.ContainsKey("VAT_CODE"));
        unknown["ORD_NR"].ShouldNotBeNull(); // without a dictionary the optional fields are left out, and the write goes through
    }

    [Fact]
    public async Task Sales_orders_and_invoices_are_created_and_found_by_webshop_order_number()
    {
        var order = await Client.CreateSalesOrderAsync(Access, new AvDocument("WEB-1001",
            [AvField.Text("RPL_INV", "10001"), AvField.Date("ORD_DATE", relay.Clock.GetUtcNow())],
            [[AvField.Text("ART_CODE", "ART-00001"), AvField.Number("ORD_QTY", 2), AvField.Number("ART_PX", 10.5m)],
             [AvField.Text("ART_CODE", "VERZEND"), AvField.Number("ORD_QTY", 1), AvField.Number("ART_PX", 4.95m)]]), default);
        var invoice = await Client.CreateSalesInvoiceAsync(Access, new AvDocument("WEB-1002",
            [AvField.Text("DJ_CODE", "70"), AvField.Text("SUB_NR", "10001"), AvField.Text("HDR_DESC", "WEB-1002")],
            [[AvField.Text("ACCT_NR", "8000"), AvField.Number("AMOUNT", 100), AvField.Text("VAT_CODE", "H1")]]), default);

        (await Client.FindSalesOrderAsync(Access, "WEB-1001", default))!["ORD_NR"].ShouldBe(order["ORD_NR"]);
        (await Client.FindSalesInvoiceAsync(Access, "WEB-1002", default))!["INV_NR"].ShouldBe(invoice["INV_NR"]);
        (await Client.FindSalesOrderAsync(Access, "WEB-9999", default)).ShouldBeNull();
        Simulator.Rows("SO_LINE").Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_rejected_write_keeps_accountviews_message()
    {
        var error = await Should.ThrowAsync<AccountViewException>(() =>
            Client.CreateDebtorAsync(Access, "x@example.nl", [AvField.Text("SRC_CODE", "X")], default));

        error.IsPermanent.ShouldBeTrue();
        error.AccountViewMessage.ShouldContain("ACCT_NAME");
    }

    [Fact]
    public async Task A_sales_order_whose_answer_is_lost_is_created_exactly_once()
    {
        Simulator.Faults.Set(new FaultSettings { SucceedThen500 = 1 });

        var order = await Client.CreateSalesOrderAsync(Access, new AvDocument("WEB-2001", [AvField.Text("RPL_INV", "10001")],
            [[AvField.Text("ART_CODE", "ART-00001"), AvField.Number("ORD_QTY", 1)]]), default);

        order["COMMENT1"].ShouldBe("WEB-2001");
        Simulator.Rows("SO_HDR").Count(o => o["COMMENT1"]?.ToString() == "WEB-2001").ShouldBe(1);
        Simulator.Journal.Entries.Count(e => e.Method == "POST" && e.Target.EndsWith("/accountviewdata", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Twenty_callers_after_token_expiry_share_one_refresh()
    {
        await Client.FindArticleAsync(Access, "ART-00001", default); // first token
        var before = Simulator.Tokens.RefreshCount;
        Simulator.Tokens.ExpireAccessTokens();

        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Client.FindArticleAsync(Access, "ART-00001", default)));

        reads.ShouldAllBe(r => r != null);
        (Simulator.Tokens.RefreshCount - before).ShouldBe(1);
    }

    [Fact]
    public async Task The_rotated_refresh_token_is_stored_and_used_after_a_restart()
    {
        await using (var session = relay.Store.QuerySession())
        {
            var first = (await session.LoadAsync<AccountViewTokenDocument>("shop-1"))!.RefreshToken;
            await Client.FindArticleAsync(Access, "ART-00001", default); // refreshes: the first refresh token is used up
            var stored = await relay.Store.QuerySession().LoadAsync<AccountViewTokenDocument>("shop-1");
            stored!.RefreshToken.ShouldNotBe(first);
        }
        Simulator.Tokens.ExpireAccessTokens();

        // A new Relay process on the same database: only the stored token can get it in.
        var connectionString = await TestDatabase.ConnectionStringAsync();
        await using var restarted = await AlbaHost.For<Program>(web =>
        {
            web.UseSetting("ConnectionStrings:Relay", connectionString);
            web.UseSetting("Relay:Admin:ApiKey", RelayFixture.AdminKey);
            web.UseSetting("Relay:Secrets:Key", RelayFixture.SecretsKey); // the same key: a replica or restart opens what the first sealed
            web.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new TestClock()));
        });
        var article = await restarted.Services.GetRequiredService<AccountViewClient>().FindArticleAsync(Access, "ART-00001", default);

        article.ShouldNotBeNull();
    }
}
