namespace AgentRec.Cli.Commands.Bench;

/// <summary>The numbers every bench reports: percentiles of latencies and the least-squares slope of a trend.</summary>
internal static class BenchStatistics
{
    /// <summary>
    /// The <paramref name="percentile"/> (0–100) of <paramref name="sorted"/> (ascending) by linear interpolation between
    /// the closest ranks; NaN when there are no values.
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double percentile)
    {
        if (percentile is < 0 or > 100 || double.IsNaN(percentile))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is between 0 and 100.");
        }

        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    /// <summary>The least-squares slope of <paramref name="y"/> against <paramref name="x"/>; 0 with fewer than two distinct x.</summary>
    public static double Slope(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        if (x.Length < 2)
        {
            return 0;
        }

        double meanX = 0, meanY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= x.Length;
        meanY /= x.Length;
        double sxy = 0, sxx = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - meanX;
            sxy += dx * (y[i] - meanY);
            sxx += dx * dx;
        }

        return sxx == 0 ? 0 : sxy / sxx;
    }
}

/// <summary>Count, mean and tail percentiles of one latency sample, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max)
{
    /// <summary>Summarises <paramref name="values"/> (any order; not modified).</summary>
    public static LatencySummary From(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return new LatencySummary(sorted.Length, sum / sorted.Length, BenchStatistics.Percentile(sorted, 50),
            BenchStatistics.Percentile(sorted, 95), BenchStatistics.Percentile(sorted, 99), sorted[^1]);
    }
}
