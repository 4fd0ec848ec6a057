using System.Numerics.Tensors;
using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Unit-length vectors in one contiguous row-major float matrix, searched exactly: cosine is a dot product per row
/// (TensorPrimitives), top-k by a bounded min-heap over preallocated arrays, with an optional row predicate applied
/// before scoring; large matrices are scanned in parallel slices, one heap per core, merged at the end.
/// </summary>
public sealed class VectorMatrix
{
    private float[] _data;

    /// <summary>An empty matrix of <paramref name="dimensions"/> columns.</summary>
    public VectorMatrix(int dimensions, int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _data = new float[Math.Max(1, capacity) * dimensions];
    }

    /// <summary>Columns per row.</summary>
    public int Dimensions { get; }

    /// <summary>Rows in use.</summary>
    public int Count { get; private set; }

    /// <summary>The rows in use as one span.</summary>
    public ReadOnlySpan<float> Data => _data.AsSpan(0, Count * Dimensions);

    /// <summary>Row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => _data.AsSpan(row * Dimensions, Dimensions);

    /// <summary>Appends a row; returns its index. Throws when the width is wrong.</summary>
    public int Add(ReadOnlySpan<float> vector)
    {
        CheckWidth(vector);
        if ((Count + 1) * Dimensions > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, (Count + 1) * Dimensions));
        }

        vector.CopyTo(_data.AsSpan(Count * Dimensions, Dimensions));
        return Count++;
    }

    /// <summary>Overwrites row <paramref name="row"/>.</summary>
    public void Set(int row, ReadOnlySpan<float> vector)
    {
        CheckWidth(vector);
        vector.CopyTo(_data.AsSpan(row * Dimensions, Dimensions));
    }

    /// <summary>Moves the last row into <paramref name="row"/> and drops the last row (O(1) delete).</summary>
    public void RemoveBySwap(int row)
    {
        var last = Count - 1;
        if (row != last)
        {
            _data.AsSpan(last * Dimensions, Dimensions).CopyTo(_data.AsSpan(row * Dimensions, Dimensions));
        }

        Count--;
    }

    /// <summary>Dot product of <paramref name="query"/> with every row, into <paramref name="scores"/> (length <see cref="Count"/>).</summary>
    public void ScoreAll(ReadOnlySpan<float> query, Span<float> scores)
    {
        CheckWidth(query);
        for (var r = 0; r < Count; r++)
        {
            scores[r] = TensorPrimitives.Dot(query, _data.AsSpan(r * Dimensions, Dimensions));
        }
    }

    /// <summary>Rows from which <see cref="Search"/> splits the scan over all cores (each core keeps its own top-k).</summary>
    public const int ParallelRows = 32_768;

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/> among those <paramref name="include"/> accepts, best first.</summary>
    public (int Row, float Score)[] Search(ReadOnlySpan<float> query, int k, Func<int, bool>? include = null)
    {
        CheckWidth(query);
        if (k <= 0 || Count == 0)
        {
            return [];
        }

        k = Math.Min(k, Count);
        var parts = Count >= ParallelRows ? Math.Min(Environment.ProcessorCount, Count / (ParallelRows / 2)) : 1;
        if (parts <= 1)
        {
            var ids = new int[k];
            var scores = new float[k];
            var n = ScanRange(query, 0, Count, k, include, ids, scores);
            return Zip(ids, scores, n);
        }

        var q = query.ToArray();
        var partIds = new int[parts * k];
        var partScores = new float[parts * k];
        var partCounts = new int[parts];
        Parallel.For(0, parts, p =>
        {
            var from = (int)((long)Count * p / parts);
            var to = (int)((long)Count * (p + 1) / parts);
            partCounts[p] = ScanRange(q, from, to, k, include, partIds.AsSpan(p * k, k), partScores.AsSpan(p * k, k));
        });

        var mergedIds = new int[k];
        var mergedScores = new float[k];
        var heap = new ScoreHeap(new int[k], new float[k], k);
        for (var p = 0; p < parts; p++)
        {
            for (var i = 0; i < partCounts[p]; i++)
            {
                heap.Offer(partIds[(p * k) + i], partScores[(p * k) + i]);
            }
        }

        var count = heap.Count;
        heap.DrainBestFirst(mergedIds, mergedScores);
        return Zip(mergedIds, mergedScores, count);
    }

    /// <summary>Top-k of rows [from, to) into <paramref name="ids"/>/<paramref name="scores"/>, best first; returns how many.</summary>
    private int ScanRange(ReadOnlySpan<float> query, int from, int to, int k, Func<int, bool>? include, Span<int> ids, Span<float> scores)
    {
        var heap = new ScoreHeap(new int[k], new float[k], k);
        var dims = Dimensions;
        var data = _data.AsSpan(0, Count * dims);
        for (var r = from; r < to; r++)
        {
            if (include is not null && !include(r))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(query, data.Slice(r * dims, dims));
            if (score > heap.Threshold)
            {
                heap.Offer(r, score);
            }
        }

        var n = heap.Count;
        heap.DrainBestFirst(ids, scores);
        return n;
    }

    private static (int Row, float Score)[] Zip(int[] ids, float[] scores, int count)
    {
        var result = new (int, float)[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (ids[i], scores[i]);
        }

        return result;
    }

    private void CheckWidth(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Vector has {vector.Length} dimensions; this index holds {Dimensions}-dimensional vectors.", nameof(vector));
        }
    }
}
