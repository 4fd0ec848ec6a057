using AgentRec.Core.Embeddings.Onnx;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Embeddings;

public sealed class PaddedRunsTests
{
    [Fact]
    public void Sorting_by_length_keeps_input_order_among_equal_lengths()
    {
        int[] lengths = [30, 12, 30, 5, 12];
        var order = new int[5];

        PaddedRuns.SortByLength(lengths, order);

        Assert.Equal([5, 12, 12, 30, 30], lengths);
        Assert.Equal([3, 1, 4, 0, 2], order);
    }

    [Fact]
    public void Rows_of_equal_length_stay_one_run()
    {
        var ends = new int[32];

        var runs = PaddedRuns.Split(Enumerable.Repeat(24, 32).ToArray(), 32, ends);

        Assert.Equal(1, runs);
        Assert.Equal(32, ends[0]);
    }

    [Fact]
    public void Short_and_long_rows_are_split_when_padding_costs_more_than_a_run()
    {
        // 16 rows of 10 tokens and 16 of 120: one run computes 32 × 120 = 3840 tokens, two runs 160 + 1920.
        int[] lengths = [.. Enumerable.Repeat(10, 16), .. Enumerable.Repeat(120, 16)];
        var ends = new int[32];

        var runs = PaddedRuns.Split(lengths, 32, ends);

        Assert.Equal(2, runs);
        Assert.Equal([16, 32], ends[..2]);
        Assert.Equal(160 + 1920, PaddedRuns.PaddedTokens(lengths, 32));
    }

    [Fact]
    public void No_run_is_longer_than_the_batch_size()
    {
        var ends = new int[100];

        var runs = PaddedRuns.Split(Enumerable.Repeat(16, 100).ToArray(), 32, ends);

        Assert.Equal([32, 64, 96, 100], ends[..runs]);
    }

    [Fact]
    public void Too_few_slots_for_the_run_ends_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => PaddedRuns.Split([1, 2, 3], 2, new int[2]));

        Assert.Contains("3 rows need 3 slots", error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Runs_cover_every_row_in_order_and_cost_no_more_than_fixed_batches(PositiveInt[] raw, PositiveInt batch)
    {
        var lengths = raw.Select(x => 1 + (x.Get % 300)).Order().ToArray();
        var maxRows = 1 + (batch.Get % 64);
        var ends = new int[lengths.Length];

        var runs = PaddedRuns.Split(lengths, maxRows, ends);

        var start = 0;
        long cost = 0;
        var ordered = true;
        for (var r = 0; r < runs; r++)
        {
            ordered &= ends[r] > start && ends[r] - start <= maxRows;
            cost += ((long)(ends[r] - start) * lengths[ends[r] - 1]) + PaddedRuns.RunCostTokens;
            start = ends[r];
        }

        // The plain split into consecutive batches of maxRows is one of the candidates the optimum is chosen from.
        long fixedCost = 0;
        for (var s = 0; s < lengths.Length; s += maxRows)
        {
            var e = Math.Min(lengths.Length, s + maxRows);
            fixedCost += ((long)(e - s) * lengths[e - 1]) + PaddedRuns.RunCostTokens;
        }

        return (ordered && start == lengths.Length && cost <= fixedCost).ToProperty();
    }
}
