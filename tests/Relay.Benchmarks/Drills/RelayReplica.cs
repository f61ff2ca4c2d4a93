namespace Relay.Benchmarks.Drills;

/// <summary>
/// One Relay process: the built program on a fixed port, configured through environment variables as an
/// operator would (a cluster's replica gets the shared PostgreSQL's connection string; a benchmark's Relay its
/// embedded one). It can be killed (SIGKILL, no goodbye) and started
/// again on the same port.
/// </summary>
public sealed class RelayReplica(int number, int port, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly ServerProcess _process = new($"replica {number}", "Relay.Api.dll",
        ["--urls", $"http://127.0.0.1:{port}"], $"http://127.0.0.1:{port}", Environment(settings), "/health/ready");

    public int Number { get; } = number;
    public string BaseUrl => _process.BaseUrl;
    public bool Running => _process.Running;

    /// <summary>The process id while it runs, for /proc.</summary>
    public int ProcessId => _process.Id;

    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__Relay"] = null, // only what the settings say: embedded otherwise
        };
        foreach (var (name, value) in settings) environment[name] = value;
        return environment;
    }

    public void Start() => _process.Start();

    public Task WaitUntilReadyAsync(TimeSpan limit) => _process.WaitUntilReadyAsync(limit);

    /// <summary>SIGKILL, as the kernel's OOM killer or a pulled plug ends a process.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
