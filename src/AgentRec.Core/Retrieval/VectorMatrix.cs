using System.Numerics.Tensors;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Unit-length vectors in one contiguous row-major float matrix, searched exactly: cosine is a dot product per row
/// (TensorPrimitives), top-k by a bounded min-heap, with an optional row predicate applied before scoring.
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

    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/> among those <paramref name="include"/> accepts, best first.</summary>
    public (int Row, float Score)[] Search(ReadOnlySpan<float> query, int k, Func<int, bool>? include = null)
    {
        CheckWidth(query);
        if (k <= 0)
        {
            return [];
        }

        var heap = new PriorityQueue<int, float>(k + 1);
        for (var r = 0; r < Count; r++)
        {
            if (include is not null && !include(r))
            {
                continue;
            }

            var score = TensorPrimitives.Dot(query, _data.AsSpan(r * Dimensions, Dimensions));
            if (heap.Count < k)
            {
                heap.Enqueue(r, score);
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst)
            {
                heap.DequeueEnqueue(r, score);
            }
        }

        var result = new (int, float)[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var row, out var score);
            result[i] = (row, score);
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
