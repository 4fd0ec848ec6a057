using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.UnitTests.Retrieval;

public sealed class HnswCalibrationTests
{
    private const int Dims = 24;

    // Built on one thread: a parallel build's graph depends on how the threads interleave, and these tests compare figures.
    private static HnswIndex Built(int count, int m, int seed)
    {
        var index = new HnswIndex(Dims, new HnswParameters { M = m, EfConstruction = 64, EfSearch = 10 }, new Random(seed), count);
        index.AddRange(HnswTestVectors.Unit(count, Dims, seed), degreeOfParallelism: 1);
        return index;
    }

    private static double HeldOutRecall(HnswIndex index, int queries, int seed)
    {
        var vectors = HnswTestVectors.Unit(queries, Dims, seed);
        var hits = 0;
        for (var q = 0; q < queries; q++)
        {
            var query = vectors.AsSpan(q * Dims, Dims);
            var truth = index.ExactSearch(query, 10).Select(h => h.Id).ToHashSet();
            hits += index.Search(query, 10).Count(h => truth.Contains(h.Id));
        }

        return hits / (queries * 10.0);
    }

    [Fact]
    public void Calibrated_width_reaches_the_target_on_queries_it_never_saw()
    {
        var index = Built(4_000, m: 6, seed: 3);
        var before = HeldOutRecall(index, 200, seed: 99);

        var calibration = index.CalibrateEfSearch(0.95, k: 10, queries: 200, seed: 1);

        Assert.True(before < 0.9, $"the starting width should fall short on these vectors (recall {before:F3})");
        Assert.True(calibration.Reached);
        Assert.True(calibration.Recall >= 0.95);
        Assert.Equal(calibration.EfSearch, index.EfSearch);
        Assert.InRange(HeldOutRecall(index, 200, seed: 99), 0.93, 1.0);
    }

    [Fact]
    public void A_lower_target_chooses_a_narrower_width_that_compares_fewer_vectors()
    {
        var index = Built(4_000, m: 6, seed: 3);

        var loose = index.CalibrateEfSearch(0.80, queries: 200, seed: 1);
        var tight = index.CalibrateEfSearch(0.99, queries: 200, seed: 1);

        Assert.True(loose.EfSearch < tight.EfSearch, $"{loose.EfSearch} vs {tight.EfSearch}");
        Assert.True(loose.MeanDistances < tight.MeanDistances);
        Assert.InRange(tight.ScannedFraction, 0.0, 1.0);
    }

    [Fact]
    public void Calibration_is_reproducible_with_its_seed()
    {
        var first = Built(2_000, m: 6, seed: 4).CalibrateEfSearch(0.9, queries: 100, seed: 7);
        var second = Built(2_000, m: 6, seed: 4).CalibrateEfSearch(0.9, queries: 100, seed: 7);

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_target_out_of_reach_keeps_the_widest_width_allowed_and_says_so()
    {
        var index = Built(3_000, m: 2, seed: 5);

        var calibration = index.CalibrateEfSearch(1.0, k: 10, queries: 100, maxEfSearch: 12, seed: 1);

        Assert.False(calibration.Reached);
        Assert.Equal(12, calibration.EfSearch);
        Assert.Equal(12, index.EfSearch);
    }

    [Theory]
    [InlineData(0.0, 10, 100, 4096)]
    [InlineData(1.5, 10, 100, 4096)]
    [InlineData(double.NaN, 10, 100, 4096)]
    [InlineData(0.9, 0, 100, 4096)]
    [InlineData(0.9, 10, 0, 4096)]
    [InlineData(0.9, 10, 100, 5)]
    public void Invalid_arguments_are_rejected(double target, int k, int queries, int maxEf)
    {
        var index = Built(200, m: 4, seed: 6);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.CalibrateEfSearch(target, k, queries, maxEf));
    }

    [Fact]
    public void A_collection_with_no_more_vectors_than_k_needs_no_search_width()
    {
        var index = Built(8, m: 4, seed: 6);

        var calibration = index.CalibrateEfSearch(0.95);

        Assert.True(calibration.Reached);
        Assert.Equal(1.0, calibration.Recall);
    }
}
