using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// The CPU's measured single-precision FMA rate: independent vector fused multiply-add chains on every core, so model
/// FLOPs per second can be stated as a fraction of what this machine can do.
/// </summary>
internal static class PeakFlops
{
    /// <summary>
    /// GFLOP/s (an FMA counts as two FLOPs) over <paramref name="duration"/> on <paramref name="threads"/> threads, and
    /// GFLOP per CPU-second (what one core does while it runs, whatever else shares the machine).
    /// </summary>
    public static (double Gflops, double GflopsPerCpuSecond) Measure(TimeSpan duration, int threads)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var totals = new double[threads];
        var sink = new float[threads];
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            (totals[t], sink[t]) = Run(duration);
        });
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        GC.KeepAlive(sink);
        return (totals.Sum() / seconds / 1e9, totals.Sum() / cpuSeconds / 1e9);
    }

    // Fully optimised from the first call: the loop runs once, so tiered compilation would time unoptimised code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Flops, float Sink) Run(TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var a = new Vector<float>(0.999f);
        var b = new Vector<float>(1e-6f);
        Vector<float> c0 = Vector<float>.One, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        long rounds = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            for (var i = 0; i < 4096; i++)
            {
                // Eight independent chains hide the FMA latency; the values stay finite.
                c0 = Vector.FusedMultiplyAdd(c0, a, b);
                c1 = Vector.FusedMultiplyAdd(c1, a, b);
                c2 = Vector.FusedMultiplyAdd(c2, a, b);
                c3 = Vector.FusedMultiplyAdd(c3, a, b);
                c4 = Vector.FusedMultiplyAdd(c4, a, b);
                c5 = Vector.FusedMultiplyAdd(c5, a, b);
                c6 = Vector.FusedMultiplyAdd(c6, a, b);
                c7 = Vector.FusedMultiplyAdd(c7, a, b);
            }

            rounds++;
        }

        var flops = rounds * 4096.0 * 8 * Vector<float>.Count * 2;
        return (flops, Vector.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7));
    }

    /// <summary>Forward-pass FLOPs of a BERT encoder for one text of <paramref name="tokens"/> tokens (matrix products and attention).</summary>
    public static double BertFlopsPerText(int layers, int hidden, int intermediate, double tokens) =>
        layers * ((2 * tokens * ((4.0 * hidden * hidden) + (2.0 * hidden * intermediate))) + (4 * tokens * tokens * hidden));
}
