using System.Diagnostics.Metrics;

namespace AgentRec.Core.State;

/// <summary>
/// Deletes expired conversations every <see cref="StateOptions.RetentionSweepMinutes"/>: those idle for
/// <see cref="StateOptions.ConversationRetentionDays"/>, and anonymous one-turn ones after
/// <see cref="StateOptions.AnonymousConversationHours"/>. Each sweep adds what it deleted to
/// <c>agentrec.conversations.expired</c>. Feedback and interactions are never touched.
/// </summary>
public sealed partial class ConversationRetention(
    IStateStore store, IOptions<StateOptions> options, TimeProvider time, ILogger<ConversationRetention> logger) : BackgroundService
{
    /// <summary>Conversations deleted by the retention sweep.</summary>
    public static Counter<long> Expired { get; } =
        AgentRecTelemetry.Meter.CreateCounter<long>("agentrec.conversations.expired", unit: "{conversation}", description: "Conversations deleted by the retention sweep");

    /// <summary>Runs one sweep now and returns how many conversations it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var deleted = await store.ExpireConversationsAsync(
            now.AddDays(-settings.ConversationRetentionDays), now.AddHours(-settings.AnonymousConversationHours), cancellationToken).ConfigureAwait(false);
        Expired.Add(deleted);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }

        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.RetentionSweepMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed sweep is retried at the next interval; the service keeps answering meanwhile.
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} expired conversations")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; it runs again at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
