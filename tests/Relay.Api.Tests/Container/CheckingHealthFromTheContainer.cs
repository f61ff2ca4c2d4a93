using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Relay.Api.Features.Health;
using Relay.Api.Tests.Infrastructure;

namespace Relay.Api.Tests.Container;

/// <summary><c>dotnet Relay.Api.dll --health-check</c>, the container's HEALTHCHECK: asks the running Relay.</summary>
[Collection(RelayProcess.Collection)]
public sealed class CheckingHealthFromTheContainer : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"relay-probe-{Guid.NewGuid():n}");

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("urls", "http://+:8080", "http://127.0.0.1:8080/health/ready")]
    [InlineData("urls", "https://*:8443;http://0.0.0.0:8080/", "http://127.0.0.1:8080/health/ready")]
    [InlineData("urls", "http://[::]:9000", "http://127.0.0.1:9000/health/ready")]
    [InlineData("urls", "http://relay.internal:81", "http://relay.internal:81/health/ready")]
    [InlineData("http_ports", "8080", "http://localhost:8080/health/ready")]
    [InlineData("other", "", "http://localhost:5000/health/ready")]
    public void The_check_asks_the_first_http_address_Relay_listens_on(string key, string value, string expected)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build();
        HealthProbe.ReadyAddress(settings).ShouldBe(expected);
    }

    [Fact]
    public async Task The_check_exits_0_while_Relay_is_ready_and_1_when_nothing_answers()
    {
        await using var relay = RelayProcess.Start(new Dictionary<string, string>
        {
            ["Relay__EmbeddedPostgres__DataDirectory"] = Path.Combine(_dataDirectory, "postgres"),
            ["Relay__Admin__ApiKey"] = "probe-test-key-0123456789",
        });
        await relay.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        (await ProbeAsync(relay.BaseUrl)).ShouldBe(0);
        await relay.StopAsync();
        (await ProbeAsync(relay.BaseUrl)).ShouldBe(1);
    }

    private static async Task<int> ProbeAsync(string url)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Relay.Api.dll"), HealthProbe.Switch, "--urls" },
        };
        info.ArgumentList.Add(url);
        info.Environment.Remove("ConnectionStrings__Relay");
        using var probe = Process.Start(info)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await probe.StandardOutput.ReadToEndAsync(limit.Token);
        await probe.WaitForExitAsync(limit.Token);
        return probe.ExitCode;
    }
}
