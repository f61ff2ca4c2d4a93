using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Relay.Benchmarks;

/// <summary>
/// A program of this build (a dll beside the benchmarks) run as a process of its own on a fixed port, so its CPU
/// and memory are its own and a load generator does not share it: a Relay replica, or the ingest benchmark's
/// reference server. Its standard error is passed on with its name; it can be killed (SIGKILL) and started again.
/// </summary>
/// <param name="environment">Variables to set; a null value removes one the benchmark process has.</param>
public sealed class ServerProcess(string name, string dll, IReadOnlyList<string> arguments, string baseUrl,
    IReadOnlyDictionary<string, string?> environment, string readyPath) : IAsyncDisposable
{
    private Process? _process;

    public string BaseUrl { get; } = baseUrl;
    public bool Running => _process is { HasExited: false };

    /// <summary>The process id while it runs, for /proc.</summary>
    public int Id => _process?.Id ?? throw new InvalidOperationException($"{name} is not started.");

    public void Start()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, dll), .. arguments])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (variable, value) in environment)
        {
            if (value is null) info.Environment.Remove(variable);
            else info.Environment[variable] = value;
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Console.Error.WriteLine($"[{name}] {e.Data}");
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // A benchmark ended by a signal (SIGTERM, Ctrl+C) runs no finally block: the process goes with it all the same.
        _ = ExitOnSignal.Value;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>SIGTERM and SIGINT end the benchmark through its exit handlers, whoever else listens: a web host in
    /// the benchmark's process (a simulator) would otherwise take the signal as its own stop and the run go on.
    /// </summary>
    private static readonly Lazy<PosixSignalRegistration[]> ExitOnSignal = new(() =>
        [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => Environment.Exit(143)))]);

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (Running) _process!.Kill(entireProcessTree: true);
    }

    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await BenchmarkRelay.WaitAsync(async () =>
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"{name} exited.");
            return (await http.GetAsync($"{BaseUrl}{readyPath}")).IsSuccessStatusCode;
        }, limit);
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a pulled plug ends a process.</summary>
    public async Task KillAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
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
