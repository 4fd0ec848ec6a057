using AgentRec.Cli.Commands.Bench;

namespace AgentRec.UnitTests.Bench;

public sealed class BenchStatisticsTests
{
    [Fact]
    public void Percentile_interpolates_between_closest_ranks()
    {
        double[] sorted = [10, 20, 30, 40, 50];

        Assert.Equal(10, BenchStatistics.Percentile(sorted, 0));
        Assert.Equal(30, BenchStatistics.Percentile(sorted, 50));
        Assert.Equal(48, BenchStatistics.Percentile(sorted, 95), 9);
        Assert.Equal(50, BenchStatistics.Percentile(sorted, 100));
    }

    [Fact]
    public void Percentile_of_one_value_is_that_value_and_of_none_is_nan()
    {
        Assert.Equal(7, BenchStatistics.Percentile([7.0], 99));
        Assert.True(double.IsNaN(BenchStatistics.Percentile([], 50)));
    }

    [Fact]
    public void Percentile_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchStatistics.Percentile([1.0], 101));
    }

    [Fact]
    public void Latency_summary_sorts_its_input_and_reports_tail_and_mean()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToArray();

        var s = LatencySummary.From(values);

        Assert.Equal(100, s.Count);
        Assert.Equal(50.5, s.P50, 9);
        Assert.Equal(95.05, s.P95, 9);
        Assert.Equal(99.01, s.P99, 9);
        Assert.Equal(50.5, s.Mean, 9);
        Assert.Equal(100, s.Max);
        Assert.Equal(1, values[^1]);
    }

    [Fact]
    public void Slope_of_a_noisy_line_is_its_least_squares_gradient()
    {
        double[] x = [0, 1, 2, 3, 4];
        double[] y = [1.1, 2.9, 5.2, 6.8, 9.0];

        Assert.Equal(1.97, BenchStatistics.Slope(x, y), 9);
    }

    [Fact]
    public void Slope_is_zero_for_a_flat_series_or_a_single_point()
    {
        Assert.Equal(0, BenchStatistics.Slope([0.0, 1, 2], [5.0, 5, 5]));
        Assert.Equal(0, BenchStatistics.Slope([3.0], [4.0]));
    }

    [Theory]
    [InlineData("1,16,64", new[] { 1, 16, 64 })]
    [InlineData(" 8 ", new[] { 8 })]
    public void Client_counts_parse_from_a_comma_separated_list(string text, int[] expected)
    {
        Assert.True(E2eBenchCommand.TryParseCounts(text, out var counts));
        Assert.Equal(expected, counts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("4,x")]
    [InlineData("-2")]
    public void Bad_client_counts_are_refused(string text) => Assert.False(E2eBenchCommand.TryParseCounts(text, out _));

    [Fact]
    public void Report_section_is_replaced_in_place_and_the_rest_of_the_file_kept()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("agentrec-bench-").FullName, "PERFORMANCE.md");
        File.WriteAllText(path, "# Performance\n\nintro\n");

        BenchReport.WriteSection(path, "e2e", "first run");
        BenchReport.WriteSection(path, "llm", "decode");
        BenchReport.WriteSection(path, "e2e", "second run");

        var text = File.ReadAllText(path);
        Assert.StartsWith("# Performance\n\nintro\n", text, StringComparison.Ordinal);
        Assert.Contains("<!-- bench:e2e -->\nsecond run\n<!-- /bench:e2e -->", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first run", text, StringComparison.Ordinal);
        Assert.Contains("decode", text, StringComparison.Ordinal);
    }
}
