using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// The CPU's measured single-precision FMA rate: independent 256-bit fused multiply-add chains, so model
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
    // Twelve independent chains cover the FMA latency times the two FMA ports of current x64 cores.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Flops, float Sink) Run(TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var a = Vector256.Create(0.999f);
        var b = Vector256.Create(1e-6f);
        Vector256<float> c0 = Vector256<float>.One, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        long rounds = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            for (var i = 0; i < 4096; i++)
            {
                c0 = Vector256.FusedMultiplyAdd(c0, a, b);
                c1 = Vector256.FusedMultiplyAdd(c1, a, b);
                c2 = Vector256.FusedMultiplyAdd(c2, a, b);
                c3 = Vector256.FusedMultiplyAdd(c3, a, b);
                c4 = Vector256.FusedMultiplyAdd(c4, a, b);
                c5 = Vector256.FusedMultiplyAdd(c5, a, b);
                c6 = Vector256.FusedMultiplyAdd(c6, a, b);
                c7 = Vector256.FusedMultiplyAdd(c7, a, b);
                c8 = Vector256.FusedMultiplyAdd(c8, a, b);
                c9 = Vector256.FusedMultiplyAdd(c9, a, b);
                c10 = Vector256.FusedMultiplyAdd(c10, a, b);
                c11 = Vector256.FusedMultiplyAdd(c11, a, b);
            }

            rounds++;
        }

        var flops = rounds * 4096.0 * 12 * Vector256<float>.Count * 2;
        return (flops, Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11));
    }

    /// <summary>Forward-pass FLOPs of a BERT encoder for one text of <paramref name="tokens"/> tokens (matrix products and attention).</summary>
    public static double BertFlopsPerText(int layers, int hidden, int intermediate, double tokens) =>
        layers * ((2 * tokens * ((4.0 * hidden * hidden) + (2.0 * hidden * intermediate))) + (4 * tokens * tokens * hidden));
}
