using AgentRec.Core.Hosting;
using AgentRec.Core.Personalization;
using AgentRec.Core.Retrieval;
using StackExchange.Redis;

namespace AgentRec.Api.ScaleOut;

/// <summary>One dependency /readyz waits for; null <see cref="Pending"/> means ready.</summary>
public interface IReadinessCheck
{
    /// <summary>Why the service is not ready yet, or null when this dependency is ready.</summary>
    string? Pending { get; }
}

/// <summary>Ready once the collaborative model has been trained (the catalog, state store and indexes are loaded before the server starts).</summary>
internal sealed class CollaborativeModelReadiness(CollaborativeModel model) : IReadinessCheck
{
    public string? Pending => model.Current is null ? "collaborative model training" : null;
}

/// <summary>
/// Ready once the hybrid retriever's item vectors are prepared (encoder trained or loaded, vectors embedded or read
/// from the cache, Qdrant synced when configured) or have given up and left retrieval lexical; always ready when the
/// service retrieves lexically.
/// </summary>
internal sealed class ItemVectorReadiness(IServiceProvider services) : IReadinessCheck
{
    public string? Pending => services.GetService<ItemVectorService>() is { WhenReady.IsCompleted: false }
        ? "item vectors preparing (encoder training or embedding)"
        : null;
}

/// <summary>Ready once the start-up warm-up has run (<see cref="PipelineWarmup"/>; at once when Pipeline:WarmupSeconds is 0).</summary>
internal sealed class PipelineWarmupReadiness(PipelineWarmup warmup) : IReadinessCheck
{
    public string? Pending => warmup.WhenDone.IsCompleted ? null : "pipeline warm-up (compiling the hot code)";
}

/// <summary>Ready once the shared Redis (backplane and conversations) is connected.</summary>
internal sealed class RedisReadiness(IConnectionMultiplexer redis) : IReadinessCheck
{
    public string? Pending => redis.IsConnected ? null : "redis not connected";
}
