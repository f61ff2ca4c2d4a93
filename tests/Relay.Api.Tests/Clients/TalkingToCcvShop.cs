using Microsoft.Extensions.DependencyInjection;
using Relay.Api.Clients.CcvShop;
using Relay.Api.Tests.Infrastructure;
using Relay.Simulators.CcvShop;
using Relay.Simulators.FaultInjection;

namespace Relay.Api.Tests.Clients;

/// <summary>The CCV Shop client against the simulated shop over real HTTP.</summary>
[Collection(RelayCollection.Name)]
public sealed class TalkingToCcvShop(RelayFixture relay) : IAsyncLifetime
{
    private CcvShopClient Client => relay.Host.Services.GetRequiredService<CcvShopClient>();
    private CcvShopAccess Shop => new(relay.Simulators.CcvShopUrl, "sandbox-public", "sandbox-secret");
    private CcvShopSimulator Simulator => relay.Simulators.CcvShop;

    public Task InitializeAsync() => relay.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("GET", "/api/rest/v1/orders?start=0&size=2&orderby=create_date_desc", "", "2024-01-01T12:00:00+00:00",
        "ebd7cbad666b03b73d8c93b14d2af394edd0656075660a36988e279ae0bc031973447d8f5af7d3ca35dc99020e2d5dcf9fb763bf7448a1f2ef1353fad20bd30d")]
    [InlineData("PATCH", "/api/rest/v1/products/123456", """{"stock":7}""", "2024-01-01T12:00:00Z",
        "951c7eb88354e17060a0cd1caec1a61f181f217b28d8816e51af2edcb7cf549c430b04a160bbaddb49ca46ec14299d7b714ddac40252f38996b2047d902d3f13")]
    public void Signing_matches_the_reference_vectors(string method, string uri, string body, string date, string expected) =>
        CcvRequestSigner.Hash("demo-secret", "demo-public", method, uri, body, date).ShouldBe(expected);

    [Fact]
    public async Task An_order_its_rows_and_its_customer_read_with_the_real_quirks()
    {
        var placed = Place(new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 2), new("ART-00002-M", 1, Discount: 1)],
            Paid: true, CouponCode: "SPRING5", CouponDiscount: 5));

        var reads = relay.Simulators.CcvShop.Journal.Entries.Count;
        var order = await Client.GetOrderAsync(Shop, placed, default);
        relay.Simulators.CcvShop.Journal.Entries.Count.ShouldBe(reads + 1); // the order with its rows: one read of the shop's budget
        var rows = await Client.GetOrderRowsAsync(Shop, placed, default);
        order.Orderrows!.Collection!.Select(r => r.Id).ShouldBe(rows.Select(r => r.Id));
        var paid = await Client.ListOrdersAsync(Shop, new CcvOrderFilter(IsPaid: true), default).ToListAsync();

        order.Paid.ShouldBeTrue();
        order.OrdernumberFull.ShouldStartWith("WEB-");
        order.User!.Id.ShouldNotBeNull(); // a JSON string in the answer
        order.Customer!.Deliveryaddress!.IsEmpty.ShouldBeTrue();
        order.Customer.Billingaddress!.CountryCode.ShouldBe("NL");
        order.Discountcoupon!.Code.ShouldBe("SPRING5");
        rows.Select(r => (r.ProductNumber, r.SubSkuNumber)).ShouldBe([("ART-00001", ""), ("ART-00002", "ART-00002-M")]);
        order.TotalOrderrowPrice.ShouldBe(rows.Sum(r => r.TotalPrice));
        paid.Select(o => o.Id).ShouldBe([placed]);
    }

    [Fact]
    public async Task Listing_follows_next_to_the_last_page()
    {
        var products = await Client.ListProductsAsync(Shop, default).ToListAsync();

        products.Count.ShouldBe(RelayFixture.Catalogue); // four pages of 250
        products.Select(p => p.Id).Distinct().Count().ShouldBe(RelayFixture.Catalogue);
        products.Single(p => p.Productnumber == "ART-00002").Attributecombinations!.Collection!.Select(c => c.SkuNumber)
            .ShouldBe(["ART-00002-S", "ART-00002-M", "ART-00002-L"]);
    }

    [Fact]
    public async Task Products_are_found_by_number_ean_and_sku()
    {
        var byNumber = await Client.FindProductsAsync(Shop, productNumber: "ART-00001");
        var byEan = await Client.FindProductsAsync(Shop, ean: byNumber[0].Eannumber);
        var bySku = await Client.FindProductsAsync(Shop, sku: "ART-00002-L");
        var combinations = await Client.GetCombinationsAsync(Shop, bySku[0].Id, default);
        var product = await Client.GetProductAsync(Shop, bySku[0].Id, default);

        byEan.Single().Id.ShouldBe(byNumber.Single().Id);
        bySku.Single().Attributecombinations!.Collection!.Single().SkuNumber.ShouldBe("ART-00002-L");
        combinations.Count.ShouldBe(3);
        product.Stocktype.ShouldBe("Attribute");
    }

    [Fact]
    public async Task Writes_reach_the_shop()
    {
        var product = (await Client.FindProductsAsync(Shop, productNumber: "ART-00001")).Single();
        var variant = (await Client.FindProductsAsync(Shop, sku: "ART-00002-M")).Single().Attributecombinations!.Collection!.Single();
        var order = Place(new SimulatedOrder("jan@example.nl", "Jan", "Jansen", [new("ART-00001", 1)]));

        await Client.SetProductStockAsync(Shop, product.Id, 11, enableStock: true, default);
        await Client.SetVariantStockAsync(Shop, variant.Id, 4, default);
        await Client.SetOrderStatusAsync(Shop, order, 5, mailCustomer: false, default);
        var category = await Client.CreateCategoryAsync(Shop, "Nieuw binnen", default);
        await Client.LinkProductToCategoryAsync(Shop, product.Id, category.Id, default);
        var photo = await Client.UploadMainPhotoAsync(Shop, product.Id, [0x89, 0x50, 0x4E, 0x47], "png", default);

        (await Client.GetProductAsync(Shop, product.Id, default)).Stock.ShouldBe(11);
        (await Client.GetCombinationsAsync(Shop, variant.ProductId, default)).Single(c => c.Id == variant.Id).Stock.ShouldBe(4);
        (await Client.GetOrderAsync(Shop, order, default)).Status.ShouldBe(5);
        (await Client.GetProductCategoriesAsync(Shop, product.Id, default)).Select(l => l.CategoryId).ShouldContain(category.Id);
        (await Client.GetPhotosAsync(Shop, product.Id, default)).Single(p => p.Id == photo.Id).IsMainphoto.ShouldBeTrue();
        (await Client.ListCategoriesAsync(Shop, default).ToListAsync()).ShouldContain(c => c.Name == "Nieuw binnen");
    }

    [Fact]
    public async Task Webhooks_register_list_and_delete_and_users_and_paymethods_read()
    {
        var hook = await Client.RegisterWebhookAsync(Shop, "orders.created", "https://relay.example/webhooks/ccvshop/x/y/orders.created", default);
        var listed = await Client.ListWebhooksAsync(Shop, default);
        await Client.DeleteWebhookAsync(Shop, hook.Id, default);

        hook.Key.ShouldNotBeNullOrEmpty();
        listed.Single().Event.ShouldBe("orders.created");
        (await Client.ListWebhooksAsync(Shop, default)).ShouldBeEmpty();
        var users = await Client.ListUsersAsync(Shop, default).ToListAsync();
        (await Client.GetUserAsync(Shop, users[0].Id, default)).Userinfo!.Email.ShouldBe(users[0].Username);
        (await Client.ListPaymethodsAsync(Shop, default)).Select(p => p.CombinedName).ShouldContain("Mollie_iDEAL");
    }

    [Fact]
    public async Task A_burst_of_500_stock_writes_stays_under_the_limit_with_no_429()
    {
        var products = (await Client.ListProductsAsync(Shop, default).ToListAsync()).Take(500).ToList();
        var limiter = relay.Host.Services.GetRequiredService<CcvRateLimiter>();
        var writes = Enumerable.Range(0, 500).Select(i => products[i % products.Count]);
        var busy = 0;

        var burst = Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, ct) =>
        {
            Interlocked.Increment(ref busy);
            try { await Client.SetProductStockAsync(Shop, p.Id, 1, null, ct); }
            finally { Interlocked.Decrement(ref busy); }
        });
        // The next minute comes only when every write under way is waiting for it.
        await ClockPump.RunAsync(() => relay.Clock, burst, TimeSpan.FromSeconds(60), idle: () => limiter.Waiting > 0 && limiter.Waiting == Volatile.Read(ref busy));

        Simulator.StockWrites.Count.ShouldBe(500);
        Simulator.Journal.Entries.Count(e => e.Status == 429).ShouldBe(0);
        Simulator.StockWrites.GroupBy(w => w.At.ToUnixTimeSeconds() / 60).ShouldAllBe(minute => minute.Count() <= 100);
    }

    [Fact]
    public async Task Two_replicas_share_one_budget_of_the_shop()
    {
        // Two limiters on one database, as two Relay processes have: together they take the shop's limit, not
        // twice it.
        var options = new CcvShopClientOptions { WritesPerMinute = 3 };
        var database = relay.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var contacts = relay.Host.Services.GetRequiredService<Relay.Api.Clients.SystemContacts>();
        CcvRateLimiter[] replicas = [new(options, relay.Clock, database, contacts),
            new(options, relay.Clock, database, contacts)];

        var calls = Enumerable.Range(0, 6).Select(i =>
            replicas[i % 2].AcquireAsync("shop-x", HttpMethod.Patch, "/api/rest/v1/products/1", default)).ToList();
        await Eventually.WaitAsync(() => replicas.Sum(r => r.Waiting) == 3, TimeSpan.FromSeconds(10),
            () => $"{replicas.Sum(r => r.Waiting)} waiting, {calls.Count(c => c.IsCompleted)} through");

        calls.Count(c => c.IsCompletedSuccessfully).ShouldBe(3);
        relay.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));
        // The three that waited used the new window up: a seventh call waits for the one after.
        var seventh = replicas[1].AcquireAsync("shop-x", HttpMethod.Patch, "/api/rest/v1/products/2", default);
        await Eventually.WaitAsync(() => replicas[1].Waiting == 1, TimeSpan.FromSeconds(10),
            () => "the seventh went through");
        relay.Clock.Advance(TimeSpan.FromMinutes(1));
        await seventh.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Work_on_a_lane_is_told_when_the_shops_next_window_opens_instead_of_waiting_in_its_slot()
    {
        var database = relay.Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var limiter = new CcvRateLimiter(new CcvShopClientOptions { WritesPerMinute = 1 }, relay.Clock, database,
            relay.Host.Services.GetRequiredService<Relay.Api.Clients.SystemContacts>());
        var now = relay.Clock.GetUtcNow();
        if (60 - now.Second <= CcvBudget.WaitedInPlace.TotalSeconds + 1) relay.Clock.Advance(TimeSpan.FromSeconds(5));
        await limiter.AcquireAsync("shop-y", HttpMethod.Patch, "/api/rest/v1/products/1", default);

        var onALane = Task.Run(async () =>
        {
            CcvBudget.Defer();
            await limiter.AcquireAsync("shop-y", HttpMethod.Patch, "/api/rest/v1/products/2", default);
        });
        var used = await Should.ThrowAsync<CcvBudgetUsedException>(onALane);

        var minute = relay.Clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        used.Next.ShouldBe(DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60));
        limiter.Waiting.ShouldBe(0);
        // Outside a lane (a poll, an admin call) the caller still waits for the window.
        var waiting = limiter.AcquireAsync("shop-y", HttpMethod.Patch, "/api/rest/v1/products/3", default);
        await Eventually.WaitAsync(() => limiter.Waiting == 1, TimeSpan.FromSeconds(10), () => "it did not wait");
        relay.Clock.Advance(TimeSpan.FromMinutes(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_outage_opens_the_circuit_and_the_client_recovers_after_it()
    {
        // A circuit of its own: the shared test clock goes back at every reset, so the circuit of the usual
        // address may still count the last tests' successes as recent.
        var shop = Shop with { BaseUrl = Shop.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) };
        Simulator.Faults.Set(new FaultSettings { ErrorRate = 1 });
        var traffic = relay.Host.Services.GetRequiredService<CcvTraffic>();
        var failures = 0;
        Exception? last = null;
        for (var i = 0; i < 10 && last is not Polly.CircuitBreaker.BrokenCircuitException; i++)
        {
            try
            {
                // Back-offs wait on the fake clock: move it only while nothing is on the wire.
                await ClockPump.RunAsync(() => relay.Clock, Client.ListPaymethodsAsync(shop, default), TimeSpan.FromSeconds(1), idle: () => traffic.OnTheWire == 0);
            }
            catch (Exception e)
            {
                failures++;
                last = e;
            }
        }
        var callsDuringOutage = Simulator.Journal.Entries.Count;

        last.ShouldBeOfType<Polly.CircuitBreaker.BrokenCircuitException>();
        (await Should.ThrowAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => Client.ListPaymethodsAsync(shop, default)))
            .ShouldNotBeNull();
        Simulator.Journal.Entries.Count.ShouldBe(callsDuringOutage); // an open circuit does not call the shop

        Simulator.Faults.Set(new FaultSettings());
        relay.Clock.Advance(TimeSpan.FromSeconds(31));
        (await Client.ListPaymethodsAsync(shop, default)).ShouldNotBeEmpty();
        failures.ShouldBeGreaterThan(0);
    }

    private long Place(SimulatedOrder order)
    {
        lock (Simulator.Store.Gate)
        {
            var (placed, error) = CcvOrders.Place(Simulator.Store, order, relay.Clock.GetUtcNow());
            return placed.ShouldNotBeNull(error)["id"]!.GetValue<long>();
        }
    }
}
