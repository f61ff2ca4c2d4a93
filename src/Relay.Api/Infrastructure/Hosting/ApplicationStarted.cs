namespace Relay.Api.Infrastructure.Hosting;

public static class ApplicationStarted
{
    /// <summary>
    /// Completes once the host has started, i.e. Kestrel listens. Background loops wait for it before their first
    /// call out: in sandbox mode the "other systems" are the simulators served by this very host.
    /// </summary>
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }
}
