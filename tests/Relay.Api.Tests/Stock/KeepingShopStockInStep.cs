using Relay.Api.Infrastructure.Processing;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Simulators;
using Relay.Api.Clients.AccountView;
using Relay.Api.Features.Stock;
using Relay.Api.Tests.Infrastructure;
using Relay.Domain.Stock;
using Relay.Domain.WorkItems;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Stock;

/// <summary>AccountView's stock reaches the shop's products and variants: only real changes, in the right order, never a 429.</summary>
[Collection(RelayCollection.Name)]
public sealed class KeepingShopStockInStep(RelayFixture relay) : IAsyncLifetime
{
    private const string Simple = "ART-00001";
    private const string Variant = "ART-00002-M";

    public async Task InitializeAsync()
    {
        await relay.ResetAsync();
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_shelf_change_reaches_the_product_and_the_variant_within_one_poll_and_an_unchanged_poll_writes_nothing()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings { PollSeconds = 10 });
        relay.Clock.Advance(StockPoller.Tick);
        await Eventually.WaitAsync(async () => (await relay.StockPollStateAsync())?.Polls >= 1, TimeSpan.FromSeconds(30),
            () => $"no first poll: {System.Text.Json.JsonSerializer.Serialize(relay.StockPollStateAsync().GetAwaiter().GetResult())}");
        await relay.WaitForStockWritesAsync();
        relay.StockWrites().ShouldBeEmpty(); // the shop already showed AccountView's figures

        relay.Simulators.AccountView.SetStockOnShelf(Simple, relay.ShelfStock(Simple) + 7).ShouldBeTrue();
        relay.Simulators.AccountView.SetStockOnShelf(Variant, 0).ShouldBeTrue();
        var polls = (await relay.StockPollStateAsync())!.Polls;
        // Time moves on five seconds at a time, whenever nothing polls or writes, until the shop shows both figures
        // (looked at before every step: the wait itself looks only every 50 ms, in which the pump could move the clock on by several polls).
        var poller = relay.Host.Services.GetRequiredService<StockPoller>();
        bool Shown() => relay.ShopStock(Simple) == relay.ShelfStock(Simple) && relay.ShopStock(Variant) == 0;
        var shown = Eventually.WaitAsync(() => Task.FromResult(Shown()),
            TimeSpan.FromSeconds(30), () => $"the shop shows {relay.ShopStock(Simple)}/{relay.ShopStock(Variant)}, not {relay.ShelfStock(Simple)}/0; " +
                $"poll: {System.Text.Json.JsonSerializer.Serialize(relay.StockPollStateAsync().GetAwaiter().GetResult())}; now {relay.Clock.GetUtcNow():O}");
        await ClockPump.RunAsync(() => relay.Clock, shown, StockPoller.Tick,
            idle: () => !poller.Polling && relay.StockPending() == 0 && !Shown());
        await relay.WaitForStockWritesAsync();

        // Within a poll interval: the next poll, or (when the pump's step lands just past a due time) the one after.
        (await relay.StockPollStateAsync())!.Polls.ShouldBeInRange(polls + 1, polls + 2);
        relay.ShopStock(Simple).ShouldBe(relay.ShelfStock(Simple));
        relay.ShopStock(Variant).ShouldBe(0);
        relay.StockWrites().Select(w => w.Resource).OrderBy(r => r).ShouldBe(["attributecombinations", "products"]);
        var trail = await relay.StockEventsAsync(Simple);
        trail.OfType<StockChanged>().Single().How.ShouldStartWith("AvailableMinusReserved: QTY_AVAIL");
        trail.OfType<StockWritten>().Single().Target.ShouldStartWith("product ");

        var quiet = await relay.PollStockAsync();
        await relay.WaitForStockWritesAsync();
        quiet.Changes.ShouldBe(0);
        relay.StockWrites().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_sales_order_in_AccountView_lowers_the_shop_stock_under_the_default_formula()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings());
        await relay.PollStockAsync();
        // The seed gave every article the same change date; one later change moves the watermark past it.
        relay.Clock.Advance(TimeSpan.FromMinutes(5));
        relay.Simulators.AccountView.SetStockOnShelf("ART-00005", relay.ShelfStock("ART-00005"));
        await relay.PollStockAsync();
        var before = relay.ShopStock(Simple);
        before.ShouldBeGreaterThan(1);

        relay.Clock.Advance(TimeSpan.FromMinutes(5));
        await OrderInAccountViewAsync(Simple, 2);
        var poll = await relay.PollStockAsync();
        await relay.WaitForStockWritesAsync();

        poll.Full.ShouldBeFalse();
        // Only what changed since a minute before the newest change seen is read (ART-00001 and ART-00005), not the 1,400 articles.
        poll.Articles.ShouldBeLessThanOrEqualTo(2);
        relay.ShopStock(Simple).ShouldBe(before - 2);
        relay.ShelfStock(Simple).ShouldBe(before); // nothing left the shelf: it is reserved
    }

    [Theory]
    [InlineData("sandbox-company", null)] // QTY_AVAIL already nets out the reservations
    [InlineData("extended-company", "QTY_RES")] // reservations in a field of their own, which the merchant picks
    public async Task The_formula_is_the_connections_choice(string company, string? reserved)
    {
        await UseCompanyAsync(company);
        await relay.SetStockFlowAsync(new StockFlowSettings
        {
            Formula = StockFormula.PhysicalMinusReservedMinusBuffer, SafetyBuffer = 2, Fields = new StockFields { Reserved = reserved },
        });
        relay.Simulators.AccountView.SetStockOnShelf(Simple, 10, company);
        await OrderInAccountViewAsync(Simple, 3, company);

        var poll = await relay.PollStockAsync();
        // The buffer lowers every article, so the whole catalogue is written, paced by the shop's limits:
        // move the clock whenever the writes wait for the next minute.
        var limiter = relay.Host.Services.GetRequiredService<Relay.Api.Clients.CcvShop.CcvRateLimiter>();
        await ClockPump.RunAsync(() => relay.Clock, Eventually.WaitAsync(() => Task.FromResult(relay.ShopStock(Simple) == 5), TimeSpan.FromSeconds(60),
            () => $"the shop shows {relay.ShopStock(Simple)}"), TimeSpan.FromSeconds(10), idle: () => limiter.Waiting > 0);

        relay.ShopStock(Simple).ShouldBe(5); // 10 on the shelf - 3 reserved - 2 kept back
        poll.Changes.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public async Task A_replica_polls_only_the_connections_of_the_shards_it_runs_and_each_of_them_once()
    {
        await relay.ConnectSimulatorsAsync(new Domain.Orders.OrderFlowSettings { Enabled = false }, id: "stock-two");
        await relay.SetStockFlowAsync(new StockFlowSettings { PollSeconds = 10 }, "stock-two");
        var services = relay.Host.Services;
        StockPoller Replica(ConnectionShards shards) => new(relay.Store, services.GetRequiredService<StockPoll>(), shards,
            relay.Clock, services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<ILogger<StockPoller>>());
        // Wolverine places each shard on one replica: here one replica runs the connection's shard, the other does not.
        var owner = new ConnectionShards(services.GetRequiredService<ILogger<ConnectionShards>>());
        var shard = new Uri($"{ConnectionShards.SchemeName}://shard/{ConnectionShards.ShardOf("stock-two")}");
        await (await owner.BuildAgentAsync(shard, null!)).StartAsync(default);
        var a = Replica(owner);
        var b = Replica(new ConnectionShards(services.GetRequiredService<ILogger<ConnectionShards>>()));
        try
        {
            // Two ticks of the owner at once, and one of the other replica: one poll.
            var started = await Task.WhenAll(a.StartDuePollsAsync(default), a.StartDuePollsAsync(default), b.StartDuePollsAsync(default));
            await Task.WhenAll(a.WhenIdleAsync(), b.WhenIdleAsync());

            started.Sum(s => s.Count(c => c == "stock-two")).ShouldBe(1);
            started[2].ShouldNotContain("stock-two");
            (await relay.StockPollStateAsync("stock-two"))!.Polls.ShouldBe(1);
            relay.Clock.Advance(TimeSpan.FromSeconds(10));
            (await b.StartDuePollsAsync(default)).ShouldNotContain("stock-two");
        }
        finally
        {
            await a.StopAsync(default);
            await b.StopAsync(default);
        }
    }

    [Fact]
    public async Task A_burst_of_a_thousand_changes_lands_once_per_SKU_without_a_429_and_sold_out_first()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings());
        await relay.PollStockAsync();
        var articles = relay.Simulators.AccountView.Rows("ARTICLE")
            .Where(a => a["ART_CODE"]!.ToString().StartsWith("ART-", StringComparison.Ordinal) && a["QTY_TECH"].Dec() > 0)
            .Take(1000).ToList();
        articles.Count.ShouldBe(1000);
        var soldOut = articles.Take(100).Select(a => a["ART_CODE"]!.ToString()).ToHashSet();
        foreach (var a in articles)
        {
            var sku = a["ART_CODE"]!.ToString();
            relay.Simulators.AccountView.SetStockOnShelf(sku, soldOut.Contains(sku) ? 0 : a["QTY_TECH"].Dec() + 1 + a["QTY_TECH"].Dec() % 7);
        }
        relay.Simulators.CcvShop.Journal.Clear();

        var poll = await relay.PollStockAsync();
        var limiter = relay.Host.Services.GetRequiredService<Relay.Api.Clients.CcvShop.CcvRateLimiter>();
        await ClockPump.RunAsync(() => relay.Clock, relay.WaitForStockWritesAsync(seconds: 120), TimeSpan.FromSeconds(10), idle: () => limiter.Waiting > 0, realSeconds: 150);

        poll.Changes.ShouldBe(1000);
        var writes = relay.StockWrites();
        writes.Count.ShouldBe(1000);
        writes.Select(w => (w.Resource, w.Id)).Distinct().Count().ShouldBe(1000);
        writes.Take(100).ShouldAllBe(w => w.Stock == 0);
        relay.Simulators.CcvShop.Journal.Entries.ShouldNotContain(e => e.Status == 429);
        // Paced: never more than the documented 100 writes a minute on either endpoint.
        writes.GroupBy(w => (w.Resource, Minute: w.At.ToUnixTimeSeconds() / 60)).Max(g => g.Count()).ShouldBeLessThanOrEqualTo(100);
    }

    [Fact]
    public async Task A_SKU_the_shop_does_not_have_is_skipped_once_with_the_reason()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings());
        await relay.PollStockAsync(full: true);
        await relay.WaitForStockWritesAsync();
        await relay.PollStockAsync(full: true);
        await relay.WaitForStockWritesAsync();

        var trail = await relay.StockEventsAsync("VERZEND"); // an AccountView-only article
        trail.OfType<StockSkipped>().Single().Reason.ShouldContain("The shop has no product number or variant SKU 'VERZEND'");
        await using var session = relay.Store.QuerySession();
        (await session.LoadAsync<WorkItem>(WorkKey.ForStock("shop-1", "VERZEND").ToString()))!.Status
            .ShouldBe(WorkStatus.Skipped);
    }

    [Fact]
    public async Task With_manage_stock_on_a_product_without_stock_keeping_gets_it_switched_on()
    {
        SetShopProduct(Simple, "stockenabled", false);
        await relay.SetStockFlowAsync(new StockFlowSettings { ManageStock = true });
        relay.Simulators.AccountView.SetStockOnShelf(Simple, 42);

        await relay.PollStockAsync();
        await relay.WaitForStockWritesAsync();

        var (_, product) = relay.ShopItem(Simple);
        product["stockenabled"]!.GetValue<bool>().ShouldBeTrue();
        product["stock"].Dec().ShouldBe(42);
    }

    [Fact]
    public async Task A_failed_write_is_tried_again_until_it_lands()
    {
        await relay.SetStockFlowAsync(new StockFlowSettings());
        await relay.PollStockAsync();
        relay.Simulators.AccountView.SetStockOnShelf(Simple, 3);
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings { ErrorRate = 1 });

        await relay.PollStockAsync();
        // The client's back-offs wait on the fake clock: move it until the write has given up.
        var failed = Eventually.WaitAsync(async () => (await relay.StockEventsAsync(Simple)).OfType<StockWriteFailed>().Any(), TimeSpan.FromSeconds(60), () => "the write never failed");
        await ClockPump.RunAsync(() => relay.Clock, failed, TimeSpan.FromSeconds(5));
        relay.Simulators.CcvShop.Faults.Set(new FaultSettings());
        // The breaker may be open for a while; the next polls queue the write again.
        var landed = Eventually.WaitAsync(async () =>
        {
            await relay.Host.Services.GetRequiredService<StockPoller>().WhenIdleAsync();
            return (await relay.StockEventsAsync(Simple)).LastOrDefault() is StockWritten;
        }, TimeSpan.FromSeconds(60), () => "the write never landed");
        await ClockPump.RunAsync(() => relay.Clock, landed, TimeSpan.FromSeconds(10));

        var trail = await relay.StockEventsAsync(Simple);
        trail.OfType<StockWriteFailed>().ShouldNotBeEmpty();
        relay.ShopStock(Simple).ShouldBe(3);
    }

    [Fact]
    public async Task Unusable_stock_settings_are_refused_with_the_field_and_change_nothing()
    {
        var result = await relay.Host.Scenario(s =>
        {
            s.Put.Json(new StockFlowSettings { PollSeconds = 5, Fields = new StockFields { Reserved = "QTY RES" } }).ToUrl("/api/connections/shop-1/flows/stock");
            s.WithRequestHeader("X-Api-Key", RelayFixture.AdminKey);
            s.StatusCodeShouldBe(400);
        });

        var problem = await result.ReadAsTextAsync();
        problem.ShouldContain("pollSeconds");
        problem.ShouldContain("fields.reserved");
        await using var session = relay.Store.QuerySession();
        (await session.LoadAsync<Features.Connections.ConnectionDocument>("shop-1"))!.Stock.ShouldBeNull();
    }

    [Theory]
    [InlineData("sandbox-company", null)]
    [InlineData("extended-company", "QTY_RES")]
    public async Task A_reservation_lowers_the_shop_stock_once_on_either_kind_of_article_dictionary(string company, string? reserved)
    {
        await UseCompanyAsync(company);
        await relay.SetStockFlowAsync(new StockFlowSettings { Fields = new StockFields { Reserved = reserved } });
        relay.Simulators.AccountView.SetStockOnShelf(Simple, 10, company);
        await OrderInAccountViewAsync(Simple, 3, company);

        await relay.PollStockAsync(full: true);
        await relay.WaitForStockWritesAsync();

        relay.ShopStock(Simple).ShouldBe(7); // 10 on the shelf, 3 reserved: subtracted once, whichever field holds them
        var status = await relay.Host.GetAdminAsync<StockEndpoints.StockStatusResponse>("/api/connections/shop-1/flows/stock/status");
        status.Fields.ShouldBe(reserved is null ? ["QTY_AVAIL"] : ["QTY_AVAIL", "QTY_RES"]);
        status.Formula.ShouldContain(reserved is null ? "no reservation field is subtracted" : "QTY_AVAIL - QTY_RES");
    }

    [Fact]
    public async Task A_formula_field_the_articles_do_not_have_is_refused()
    {
        var answer = await relay.Host.CallAsync("PUT", "/api/connections/shop-1/flows/stock", RelayFixture.AdminKey, 400,
            new StockFlowSettings { Fields = new StockFields { Reserved = "QTY_RES" } });

        (await answer.ReadAsTextAsync()).ShouldContain("This AccountView administration's ARTICLE has no field QTY_RES.");
    }

    /// <summary>Points shop-1 at another simulated administration; its data dictionary is read anew.</summary>
    private Task UseCompanyAsync(string company) =>
        relay.Host.CallAsync("PATCH", "/api/connections/shop-1", RelayFixture.AdminKey, 200, new Features.Connections.UpdateConnectionRequest(
            AccountView: new Features.Connections.AccountViewCredentialsRequest(relay.Simulators.AccountViewUrl, "sandbox-client",
                "sandbox-client-secret", company, relay.Simulators.AccountView.Tokens.IssueRefreshToken())));

    /// <summary>A sales order entered in AccountView itself: its lines reserve stock.</summary>
    private async Task OrderInAccountViewAsync(string sku, decimal quantity, string company = "sandbox-company")
    {
        var accountView = relay.Host.Services.GetRequiredService<AccountViewClient>();
        var access = new AccountViewAccess("shop-1", relay.Simulators.AccountViewUrl, "sandbox-client", "sandbox-client-secret", company);
        await accountView.CreateSalesOrderAsync(access, new AvDocument("PHONE-1",
            [AvField.Text("RPL_INV", "10001"), AvField.Text("RPL_DEL", "10001"), AvField.Date("ORD_DATE", relay.Clock.GetUtcNow())],
            [[AvField.Text("ART_CODE", sku), AvField.Number("ORD_QTY", quantity), AvField.Number("ART_PX", 10m)]]), default);
    }

    private void SetShopProduct(string sku, string field, bool value)
    {
        var store = relay.Simulators.CcvShop.Store;
        lock (store.Gate) store["products"].Values.First(p => p["productnumber"]?.ToString() == sku)[field] = value;
    }
}
