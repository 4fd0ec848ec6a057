using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentRec.Core.Pipeline;

/// <summary>The project's trace source and meter; OpenTelemetry exports them by the name <see cref="Name"/>.</summary>
public static class AgentRecTelemetry
{
    public const string Name = "AgentRec";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Stages that failed or ran out of time and were replaced by their fallback (tag <c>stage</c>).</summary>
    public static Counter<long> Degradations { get; } = Meter.CreateCounter<long>("agentrec.degradations", description: "Stages answered by their fallback");

    public static Counter<long> Requests { get; } = Meter.CreateCounter<long>("agentrec.requests", description: "Recommendation requests handled");

    public static Histogram<double> RequestDuration { get; } =
        Meter.CreateHistogram<double>("agentrec.request.duration", unit: "ms", description: "Time from request to done");

    /// <summary>Lookups answered from a cache (tag <c>cache</c>: which one, e.g. <c>query_embedding</c>).</summary>
    public static Counter<long> CacheHits { get; } = Meter.CreateCounter<long>("agentrec.cache.hits", description: "Cache lookups answered from the cache");

    /// <summary>Lookups a cache could not answer (tag <c>cache</c>).</summary>
    public static Counter<long> CacheMisses { get; } = Meter.CreateCounter<long>("agentrec.cache.misses", description: "Cache lookups that had to compute the value");

    public static Histogram<double> StageDuration { get; } =
        Meter.CreateHistogram<double>("agentrec.stage.duration", unit: "ms", description: "Time spent in one pipeline stage");
}
