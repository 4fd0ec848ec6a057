using System.Diagnostics;
using AgentRec.Core.Pipeline;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// Runs the request mix straight through the pipeline, one at a time with no transport, so a bench can separate the
/// pipeline's own cost from SignalR's.
/// </summary>
internal static class PipelineProbe
{
    public static async Task<(int Requests, double CpuMsPerRequest, LatencySummary Latency)> RunAsync(
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
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var sent = Stopwatch.GetTimestamp();
            var (response, _) = await pipeline.CollectAsync(BenchRequests.Next(random, 1, conversationId), cancellationToken).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            conversationId = response?.ConversationId;
        }

        var used = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
        return (latencies.Count, latencies.Count == 0 ? double.NaN : used / latencies.Count, LatencySummary.From(latencies));
    }
}
