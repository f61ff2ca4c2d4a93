namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// Runs work that waits on the fake clock (retry back-offs, rate-limit windows, circuit breaks) by moving
/// the clock whenever the work is idle on it. Bounded in real time; no fixed sleeps in the tests themselves.
/// </summary>
public static class ClockPump
{
    public static async Task<T> RunAsync<T>(Func<TestClock> clock, Task<T> work, TimeSpan step, Func<bool>? idle = null, int realSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(realSeconds);
        while (!work.IsCompleted)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The work did not finish while the clock was moved.");
            await Task.WhenAny(work, Task.Delay(10));
            if (!work.IsCompleted && (idle?.Invoke() ?? true)) clock().Advance(step);
        }
        return await work;
    }

    public static async Task RunAsync(Func<TestClock> clock, Task work, TimeSpan step, Func<bool>? idle = null, int realSeconds = 60) =>
        await RunAsync(clock, work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), step, idle, realSeconds);
}
