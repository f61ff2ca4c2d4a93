using System.Diagnostics;

namespace Relay.Benchmarks.Drills;

/// <summary>
/// One Relay process: the built program on a fixed port, configured through environment variables as an
/// operator would (a cluster's replica gets the shared PostgreSQL's connection string; a benchmark's Relay its
/// embedded one). It can be killed (SIGKILL, no goodbye) and started
/// again on the same port.
/// </summary>
public sealed class RelayReplica(int number, int port, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private Process? _process;

    public int Number { get; } = number;
    public string BaseUrl { get; } = $"http://127.0.0.1:{port}";
    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Relay.Api.dll"), "--urls", BaseUrl])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment.Remove("ConnectionStrings__Relay"); // only what the settings say: embedded otherwise
        foreach (var (name, value) in settings) info.Environment[name] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Console.Error.WriteLine($"[replica {Number}] {e.Data}");
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await BenchmarkRelay.WaitAsync(async () =>
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"Replica {Number} exited.");
            return (await http.GetAsync($"{BaseUrl}/health/ready")).IsSuccessStatusCode;
        }, limit);
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a pulled plug ends a process.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
