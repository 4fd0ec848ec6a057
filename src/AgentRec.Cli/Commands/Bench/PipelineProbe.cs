namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// Runs the request mix straight through the pipeline, one at a time with no transport, so a bench can separate the
/// pipeline's own cost from SignalR's.
/// </summary>
internal static class PipelineProbe
{
    public static async Task<PipelineProbeResult> RunAsync(
        RecommendationPipeline pipeline, TimeSpan duration, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        string? conversationId = null;
        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var (response, _) = await pipeline.CollectAsync(BenchRequests.Next(random, 1, conversationId), cancellationToken).ConfigureAwait(false);
            conversationId = response?.ConversationId;
        }

        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var collections = GC.CollectionCount(0);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var sent = Stopwatch.GetTimestamp();
            var (response, _) = await pipeline.CollectAsync(BenchRequests.Next(random, 1, conversationId), cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            conversationId = response?.ConversationId;
        }

        var used = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        var count = latencies.Count;
        return new PipelineProbeResult(
            count,
            count == 0 ? double.NaN : used / count,
            count == 0 ? double.NaN : (double)bytes / count,
            GC.CollectionCount(0) - collections,
            LatencySummary.From(latencies));
    }
}

/// <summary>What <see cref="PipelineProbe"/> measured: CPU and managed bytes allocated (all threads) per request, gen-0 collections, latency.</summary>
internal sealed record PipelineProbeResult(int Requests, double CpuMsPerRequest, double AllocatedBytesPerRequest, int Gen0Collections, LatencySummary Latency);
