using System.Numerics.Tensors;
using AgentRec.Core.Retrieval;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Retrieval;

/// <summary>The two-pass scan (8-bit first pass, float second) against the float scan of the same rows.</summary>
public sealed class QuantizedScanTests
{
    private const int Rows = VectorMatrix.QuantizedScanRows + 500;

    [Property(MaxTest = 40)]
    public Property Two_pass_scan_returns_the_float_scans_rows_and_scores(PositiveInt seed, PositiveInt k, bool filtered, bool clustered)
    {
        var dims = VectorMatrix.QuantizedMinDimensions + (seed.Get % 4 * 40); // 256, 296, 336, 376: whole 32-wide steps and tails
        var vectors = clustered ? Clustered(Rows, dims, seed.Get) : HnswTestVectors.Unit(Rows, dims, seed.Get);
        var query = clustered ? Clustered(1, dims, seed.Get + 1) : HnswTestVectors.Unit(1, dims, seed.Get + 1);
        var (quantized, floats) = Pair(vectors, dims);
        var size = 1 + (k.Get % 300);
        Func<int, bool>? include = filtered ? r => r % 3 != 1 : null;

        var got = quantized.Search(query, size, include);
        var expected = floats.Search(query, size, include);

        return SameResult(expected, got).Label($"dims {dims}, k {size}");
    }

    [Fact]
    public void A_filter_leaving_few_rows_and_a_deep_top_k_keep_exact_results()
    {
        const int dims = 384;
        var vectors = HnswTestVectors.Unit(Rows, dims, seed: 3);
        var (quantized, floats) = Pair(vectors, dims);
        var query = HnswTestVectors.Unit(1, dims, seed: 4);

        Assert.True(SameResult(floats.Search(query, 20, r => r % 7 == 0), quantized.Search(query, 20, r => r % 7 == 0)));
        Assert.True(SameResult(floats.Search(query, 1_000), quantized.Search(query, 1_000)));
    }

    [Fact]
    public void A_sample_that_sets_the_bar_too_high_is_caught_and_the_scan_rerun()
    {
        // The first rows (which the bar's sample always includes) all lie close to the query; every other row is far.
        // The sample then puts the bar among those few, fewer than k rows reach it, and the scan must run again.
        const int dims = 256;
        var vectors = HnswTestVectors.Unit(Rows, dims, seed: 21);
        var query = HnswTestVectors.Unit(1, dims, seed: 22);
        for (var r = 0; r < 64; r++)
        {
            var row = vectors.AsSpan(r * dims, dims);
            TensorPrimitives.MultiplyAdd(row, 0.1f, query, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        var (quantized, floats) = Pair(vectors, dims);

        Assert.True(SameResult(floats.Search(query, 100), quantized.Search(query, 100)));
    }

    [Fact]
    public void Narrow_rows_keep_no_integer_copy()
    {
        Assert.False(new VectorMatrix(VectorMatrix.QuantizedMinDimensions - 1).Quantized);
        Assert.True(new VectorMatrix(VectorMatrix.QuantizedMinDimensions).Quantized);
    }

    [Fact]
    public void Rows_far_from_unit_length_keep_exact_results()
    {
        const int dims = 384;
        var vectors = HnswTestVectors.Unit(Rows, dims, seed: 5);
        var random = new Random(6);
        for (var r = 0; r < Rows; r++)
        {
            var scale = (float)Math.Pow(10, (random.NextDouble() * 8) - 4);
            TensorPrimitives.Multiply(vectors.AsSpan(r * dims, dims), scale, vectors.AsSpan(r * dims, dims));
        }

        var (quantized, floats) = Pair(vectors, dims);
        var query = HnswTestVectors.Unit(1, dims, seed: 7);
        TensorPrimitives.Multiply(query, 1e3f, query);

        Assert.True(SameResult(floats.Search(query, 50), quantized.Search(query, 50)));
    }

    [Fact]
    public void Duplicate_rows_give_the_same_scores_and_every_row_above_the_last_place()
    {
        const int dims = 256;
        var distinct = HnswTestVectors.Unit(40, dims, seed: 9);
        var vectors = new float[Rows * dims];
        for (var r = 0; r < Rows; r++)
        {
            distinct.AsSpan((r % 40) * dims, dims).CopyTo(vectors.AsSpan(r * dims, dims));
        }

        var (quantized, floats) = Pair(vectors, dims);
        var query = HnswTestVectors.Unit(1, dims, seed: 10);

        Assert.True(SameResult(floats.Search(query, 120), quantized.Search(query, 120)));
    }

    [Fact]
    public void Set_and_remove_keep_the_integer_rows_in_step()
    {
        const int dims = 320;
        var vectors = HnswTestVectors.Unit(Rows + 200, dims, seed: 11);
        var (quantized, floats) = Pair(vectors.AsSpan(0, Rows * dims).ToArray(), dims);
        var random = new Random(12);
        for (var i = 0; i < 200; i++)
        {
            var replacement = vectors.AsSpan((Rows + i) * dims, dims);
            var row = random.Next(quantized.Count);
            if (i % 2 == 0)
            {
                quantized.Set(row, replacement);
                floats.Set(row, replacement);
            }
            else
            {
                quantized.RemoveBySwap(row);
                floats.RemoveBySwap(row);
            }
        }

        var query = HnswTestVectors.Unit(1, dims, seed: 13);

        Assert.True(SameResult(floats.Search(query, 30), quantized.Search(query, 30)));
    }

    [Fact]
    public void A_row_holding_nan_is_never_returned_and_the_rest_still_are()
    {
        const int dims = 256;
        var vectors = HnswTestVectors.Unit(Rows, dims, seed: 14);
        var (quantized, floats) = Pair(vectors, dims);
        var query = HnswTestVectors.Unit(1, dims, seed: 15);
        var best = floats.Search(query, 1)[0].Row;
        var poisoned = new float[dims];
        poisoned[0] = float.NaN;
        quantized.Set(best, poisoned);
        floats.Set(best, poisoned);

        var got = quantized.Search(query, 10);

        Assert.DoesNotContain(got, h => h.Row == best);
        Assert.True(SameResult(floats.Search(query, 10), got));
        quantized.Set(best, vectors.AsSpan(best * dims, dims));
        Assert.Equal(best, quantized.Search(query, 1)[0].Row);
    }

    [Fact]
    public void An_all_zero_query_scores_every_row_zero()
    {
        const int dims = 256;
        var (quantized, _) = Pair(HnswTestVectors.Unit(Rows, dims, seed: 16), dims);

        var hits = quantized.Search(new float[dims], 5);

        Assert.Equal(5, hits.Length);
        Assert.All(hits, h => Assert.Equal(0f, h.Score));
    }

    [Property(MaxTest = 300)]
    public Property Kth_largest_equals_the_kth_of_a_descending_sort(int[] raw, PositiveInt k)
    {
        var values = raw.Select(x => (float)(x % 7)).ToArray(); // few values: many ties
        if (values.Length == 0)
        {
            return true.ToProperty();
        }

        var rank = 1 + (k.Get % values.Length);
        var expected = values.OrderDescending().ElementAt(rank - 1);
        return (VectorMatrix.KthLargest(values.ToArray(), rank) == expected).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Integer_dot_kernel_equals_the_scalar_sum(sbyte[] row, PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var query = new short[row.Length];
        var codes = row.Select(c => c == sbyte.MinValue ? (sbyte)-127 : c).ToArray();
        for (var i = 0; i < query.Length; i++)
        {
            query[i] = (short)random.Next(-127, 128);
        }

        return (QuantizedRows.Dot(codes, query) == QuantizedRows.DotScalar(codes, query)).ToProperty();
    }

    [Fact]
    public void Integer_dot_kernel_covers_every_tail_length()
    {
        var random = new Random(17);
        for (var n = 0; n <= 130; n++)
        {
            var row = new sbyte[n];
            var query = new short[n];
            for (var i = 0; i < n; i++)
            {
                row[i] = (sbyte)random.Next(-127, 128);
                query[i] = (short)random.Next(-127, 128);
            }

            Assert.Equal(QuantizedRows.DotScalar(row, query), QuantizedRows.Dot(row, query));
        }
    }

    [Fact]
    public void Quantisation_stays_within_half_a_step_of_every_value()
    {
        var values = HnswTestVectors.Unit(1, 300, seed: 18);
        var codes = new sbyte[values.Length];
        var scale = QuantizedRows.Quantize(values, codes, TensorPrimitives.MaxMagnitude(values) is var m ? Math.Abs(m) : 0);

        for (var i = 0; i < values.Length; i++)
        {
            Assert.InRange(Math.Abs(values[i] - (scale * codes[i])), 0, (scale / 2) * 1.0001f);
            Assert.InRange((int)codes[i], -127, 127);
        }
    }

    private static (VectorMatrix Quantized, VectorMatrix Floats) Pair(float[] vectors, int dims)
    {
        var rows = vectors.Length / dims;
        var quantized = new VectorMatrix(dims, rows);
        var floats = new VectorMatrix(dims, rows, quantized: false);
        for (var r = 0; r < rows; r++)
        {
            quantized.Add(vectors.AsSpan(r * dims, dims));
            floats.Add(vectors.AsSpan(r * dims, dims));
        }

        Assert.True(quantized.Quantized);
        Assert.False(floats.Quantized);
        return (quantized, floats);
    }

    // Same scores in the same order; the same rows wherever the score is above the last place (ties there may differ).
    private static bool SameResult((int Row, float Score)[] expected, (int Row, float Score)[] got)
    {
        if (expected.Length != got.Length || !expected.Select(h => h.Score).SequenceEqual(got.Select(h => h.Score)))
        {
            return false;
        }

        if (expected.Length == 0)
        {
            return true;
        }

        var last = expected[^1].Score;
        return expected.Where(h => h.Score > last).Select(h => h.Row).Order()
            .SequenceEqual(got.Where(h => h.Score > last).Select(h => h.Row).Order());
    }

    // Points around a few centres: many rows score close to one another, the hard case for the bounds.
    private static float[] Clustered(int count, int dims, int seed)
    {
        var centres = HnswTestVectors.Unit(4, dims, seed: 1000 + dims);
        var noise = HnswTestVectors.Unit(count, dims, seed);
        var data = new float[count * dims];
        for (var r = 0; r < count; r++)
        {
            var row = data.AsSpan(r * dims, dims);
            TensorPrimitives.MultiplyAdd(noise.AsSpan(r * dims, dims), 0.05f, centres.AsSpan((r % 4) * dims, dims), row);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return data;
    }
}
