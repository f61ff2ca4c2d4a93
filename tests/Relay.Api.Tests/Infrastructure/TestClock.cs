using Microsoft.Extensions.Time.Testing;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>
/// The host's clock: fake, and shown as <see cref="Start"/> again at every reset, since the host (and
/// the timers its services hold) lives for the whole collection. Underneath, one fake clock only ever
/// moves forward, so timers made before a reset keep working.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake = new(Start);
    private TimeSpan _offset;

    public void Reset() => _offset = _fake.GetUtcNow() - Start;

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow() - _offset;
    public override long GetTimestamp() => _fake.GetTimestamp();
    public override long TimestampFrequency => _fake.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _fake.CreateTimer(callback, state, dueTime, period);
}
