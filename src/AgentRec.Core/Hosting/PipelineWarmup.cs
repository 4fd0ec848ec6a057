using AgentRec.Core.Personalization;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Training;

namespace AgentRec.Core.Hosting;

/// <summary>
/// The start-up warm-up: once the models are ready, built-in requests (English and Chinese; genres, decades, sorts,
/// named titles, topics, books) run through the pipeline's stages (<see cref="RecommendationPipeline.RehearseAsync"/>)
/// until the JIT goes quiet, that is until it compiles fewer than <see cref="JitQuietWindow.QuietMethodsPerSecond"/> methods in a
/// second (<see cref="JitQuietWindow"/>: the hot code has been recompiled at its optimised tier), or <see cref="PipelineOptions.WarmupSeconds"/> are
/// up. Readiness waits for it: a fresh process otherwise answers its first seconds of traffic with unoptimised code
/// (measured at 400 requests/s over 64 clients: p95 41–71 ms in the first 15 s against 4–7 ms once warm).
/// </summary>
public sealed partial class PipelineWarmup(
    IServiceProvider services, RecommendationPipeline pipeline, IOptions<PipelineOptions> options, ILogger<PipelineWarmup> logger) : BackgroundService
{
    private static readonly string[] Requests =
    [
        "recommend a few highly rated sci-fi films from the 90s, nothing like horror",
        "推荐一部评分高的科幻电影",
        "movies like Heat but funnier",
        "three comedies from the 80s",
        "newest animated movies for kids",
        "books like The Hunger Games",
        "a dark thriller about a heist",
        "推荐几本关于魔法的小说",
        "most popular dramas",
        "something like Toy Story and Up",
        "time travel movies",
        "hi there",
    ];

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the warm-up has finished, was turned off, failed (logged) or the host stopped.</summary>
    public Task WhenDone => _done.Task;

    /// <summary>Requests rehearsed so far.</summary>
    public int Rehearsals { get; private set; }

    /// <summary>
    /// Waits for what readiness waits for before the warm-up: the collaborative model, the item vectors (hybrid
    /// retrieval) and a reranker learning its weights on first start.
    /// </summary>
    public static async Task WhenModelsReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<CollaborativeModel>().WhenReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (services.GetService<ItemVectorService>() is { } vectors)
        {
            await vectors.WhenReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (services.GetService<IReranker>() is SelfTrainingReranker learning)
        {
            await learning.WhenReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var seconds = options.Value.WarmupSeconds;
            if (seconds <= 0)
            {
                return;
            }

            await WhenModelsReadyAsync(services, stoppingToken).ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var compiledAtStart = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jit = new JitQuietWindow();
            var quiet = false;
            while (Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
            {
                await pipeline.RehearseAsync(Requests[Rehearsals % Requests.Length], stoppingToken).ConfigureAwait(false);
                Rehearsals++;
                await Task.Yield();
                if (jit.WentQuiet())
                {
                    quiet = true;
                    break;
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var methods = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledAtStart;
            if (quiet)
            {
                LogWarmed(logger, Rehearsals, elapsed, methods);
            }
            else
            {
                LogWarmupTimeUp(logger, Rehearsals, elapsed, methods);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A warm-up is an optimisation: a failure is logged and the service serves cold rather than never ready.
            logger.FellBack("warm-up", "a cold start", "the start-up warm-up failed", ex);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed the pipeline with {Requests} rehearsed requests in {Seconds:F1} s ({Methods} methods compiled); the JIT went quiet")]
    private static partial void LogWarmed(ILogger logger, int requests, double seconds, long methods);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed the pipeline with {Requests} rehearsed requests in {Seconds:F1} s ({Methods} methods compiled); Pipeline:WarmupSeconds was reached")]
    private static partial void LogWarmupTimeUp(ILogger logger, int requests, double seconds, long methods);
}
