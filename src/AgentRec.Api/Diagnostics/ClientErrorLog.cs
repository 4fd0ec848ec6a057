using System.Collections.Concurrent;

namespace AgentRec.Api.Diagnostics;

/// <summary>
/// Logs requests the service refused because of the caller (bad input, unknown item, forbidden, over a limit) at
/// Information, without stack traces, every value through <see cref="LogText"/>, and at most
/// <see cref="PerSourcePerMinute"/> entries per source (user, else address) per minute: past that, one Warning says
/// the source's refusals are being dropped until the minute turns, so no client can flood the log.
/// </summary>
public sealed partial class ClientErrorLog(TimeProvider time, ILogger<ClientErrorLog> logger)
{
    /// <summary>Entries one source may write per minute.</summary>
    public const int PerSourcePerMinute = 20;

    // Sources remembered at most; beyond it, windows that have turned are dropped.
    private const int MaxSources = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Records one refusal on <paramref name="surface"/> (hub, mcp, rest) for <paramref name="source"/>.</summary>
    public void Refused(string surface, string source, string code, string detail)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        if (_windows.Count > MaxSources)
        {
            foreach (var (key, window) in _windows)
            {
                if (window.Minute != minute)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }

        var current = _windows.AddOrUpdate(source, _ => new Window(minute, 1), (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        if (current.Count > PerSourcePerMinute + 1)
        {
            return;
        }

        var safeSource = LogText.Safe(source);
        if (current.Count == PerSourcePerMinute + 1)
        {
            LogFlooding(logger, safeSource, PerSourcePerMinute);
            return;
        }

        var safeCode = LogText.Safe(code, 32);
        var safeDetail = LogText.Safe(detail, 256);
        LogRefused(logger, surface, safeSource, safeCode, safeDetail);
    }

    /// <summary>Who a request comes from, for the log and the rate limits: the authenticated user, else the IP address.</summary>
    public static string SourceOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Security.CallerIdentity.UserIdOf(context.User) is { } user
            ? "user:" + user
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private sealed record Window(long Minute, int Count);

    [LoggerMessage(EventId = 9200, Level = LogLevel.Information, Message = "Refused a {Surface} call from {Source}: {Code}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string surface, string source, string code, string detail);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Warning, Message = "More than {Limit} refused calls from {Source} this minute; further ones are not logged until it turns")]
    private static partial void LogFlooding(ILogger logger, string source, int limit);
}
