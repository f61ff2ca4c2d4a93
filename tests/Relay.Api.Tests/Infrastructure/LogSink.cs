using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Relay.Api.Tests.Infrastructure;

/// <summary>Every log line the Relay host writes (at the levels its configuration lets through), for tests that count them.</summary>
public sealed class LogSink : ILoggerProvider
{
    public sealed record Line(DateTimeOffset At, string Category, LogLevel Level, string Message, Exception? Error);

    private readonly ConcurrentQueue<Line> _lines = new();

    public IReadOnlyList<Line> Lines => _lines.ToArray();

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._lines.Enqueue(new Line(DateTimeOffset.UtcNow, category, logLevel, formatter(state, exception), exception));
    }
}
