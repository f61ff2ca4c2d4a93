using System.Net;
using System.Net.Http.Json;
using Relay.Simulators.FaultInjection;

namespace Relay.Simulators.Tests.CcvShop;

public sealed class CcvShopFaultTests : SimulatorTest
{
    [Fact]
    public async Task A_burst_of_429s_ends_after_its_count()
    {
        await SetFaultsAsync(new FaultSettings { Burst429 = 2 });
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await ccv.SendAsync(HttpMethod.Get, "/paymethods")).StatusCode);

        statuses.ShouldBe([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK]);
    }

    [Fact]
    public async Task Error_rate_one_answers_only_server_errors()
    {
        await SetFaultsAsync(new FaultSettings { ErrorRate = 1 });
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++) statuses.Add((await ccv.SendAsync(HttpMethod.Get, "/paymethods")).StatusCode);

        statuses.ShouldAllBe(s => s == HttpStatusCode.InternalServerError || s == HttpStatusCode.ServiceUnavailable);
        statuses.Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_write_that_succeeds_but_answers_500_is_carried_out()
    {
        await SetFaultsAsync(new FaultSettings { SucceedThen500 = 1 });
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        var id = (await ccv.GetJsonAsync("/products?productnumber=ART-00001"))["items"]![0]!["id"]!.GetValue<long>();

        var response = await ccv.SendAsync(HttpMethod.Patch, $"/products/{id}", """{"stock":42}""");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await ccv.GetJsonAsync($"/products/{id}"))["stock"]!.GetValue<decimal>().ShouldBe(42);
    }

    [Fact]
    public async Task A_timeout_fault_never_answers()
    {
        await SetFaultsAsync(new FaultSettings { TimeoutRate = 1 });
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var call = ccv.SendAsync(HttpMethod.Get, "/paymethods").WaitAsync(cancel.Token);

        await Should.ThrowAsync<OperationCanceledException>(call);
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        await SetFaultsAsync(new FaultSettings { LatencyMs = 150 });
        using var ccv = new SignedCcvRequests(Host.CcvShopUrl, Clock);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        (await ccv.SendAsync(HttpMethod.Get, "/paymethods")).StatusCode.ShouldBe(HttpStatusCode.OK);

        watch.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(150);
    }

    private async Task SetFaultsAsync(FaultSettings faults)
    {
        using var http = new HttpClient();
        (await http.PutAsJsonAsync($"{Host.CcvShopUrl}/__control/faults", faults)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
