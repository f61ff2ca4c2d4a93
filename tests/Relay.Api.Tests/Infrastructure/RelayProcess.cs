using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Relay run as users run it: the built program in its own process, on its embedded PostgreSQL.</summary>
public sealed class RelayProcess : IAsyncDisposable
{
    /// <summary>Relay's wire format: camelCase, enums by name (numbers are refused).</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RelayProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// The tests that start Relay processes run one after another: each picks a free port just before the
    /// process binds it, and two starting at once can pick the same.
    /// </summary>
    public const string Collection = "relay processes";

    public string BaseUrl { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int ExitCode => _process.ExitCode;

    /// <param name="arguments">Given before --urls, as a person would type them.</param>
    public static RelayProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Relay.Api.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment.Remove("ConnectionStrings__Relay");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        return new RelayProcess(Process.Start(info)!, $"http://127.0.0.1:{port}");
    }

    /// <summary>A client of this Relay's admin API with the key given.</summary>
    public HttpClient AdminClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Waits until /health/ready answers 200, or the process exits, or the limit passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.WaitAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"Relay exited with {_process.ExitCode}. Output:\n{Output}");
            try
            {
                return (await client.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet, or still starting (a busy machine answers slowly)
            }
        }, limit, () => $"Relay did not become ready. Output:\n{Output}");
    }

    /// <summary>Stops Relay the way a service manager does (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Kills Relay at once (SIGKILL), as a crash or an OOM kill would: nothing gets to finish.</summary>
    public async Task CrashAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the redirected output
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
