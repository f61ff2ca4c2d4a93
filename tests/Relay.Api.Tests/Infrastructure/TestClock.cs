using Microsoft.Extensions.Time.Testing;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// The host's clock: a fake one that each test starts afresh at <see cref="Start"/>, since the host
/// (and its TimeProvider singleton) lives for the whole collection.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Current { get; private set; } = new(Start);

    public void Reset() => Current = new FakeTimeProvider(Start);

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();
    public override long GetTimestamp() => Current.GetTimestamp();
    public override long TimestampFrequency => Current.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Current.CreateTimer(callback, state, dueTime, period);
}
