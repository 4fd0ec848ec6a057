using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Unit-length vectors in one contiguous row-major float matrix, searched exactly: cosine is a dot product per row
/// (TensorPrimitives), top-k by a bounded min-heap over preallocated arrays, with an optional row predicate applied
/// before scoring; large matrices are scanned in parallel slices, one heap per core, merged at the end.
/// </summary>
/// <remarks>
/// The scan reads the whole matrix per query and is bound by memory bandwidth, so by default the matrix also keeps an
/// 8-bit copy of its rows (<see cref="QuantizedRows"/>, a quarter of the bytes) when they are at least
/// <see cref="QuantizedMinDimensions"/> wide. A scan of at least <see cref="QuantizedScanRows"/> rows, with at least half
/// of them allowed by the filter, then runs in two passes: the integer dot product of every row, with a bound on
/// how far each row's exact score can be from it, keeps the rows whose upper bound reaches the k-th best lower bound;
/// only those are scored again in floats (at 384 wide, 20k rows, top-10: about 50 of them). A row left out scores
/// strictly below k rows that are kept, so the result holds the same rows and the same float scores as scoring every
/// row in floats (among rows whose scores tie exactly at the last place kept, which of them fill it may differ).
/// </remarks>
public sealed class VectorMatrix
{
    /// <summary>Rows from which a scan runs its integer pass first (below it the float rows are read directly).</summary>
    public const int QuantizedScanRows = 2_048;

    /// <summary>
    /// Columns from which the matrix keeps the 8-bit copy. Narrower rows are cheap enough to read in floats that the
    /// integer pass, bound by its arithmetic rather than by memory, does not pay for itself (128 wide: 0.58–0.91 of the
    /// float scan's time unfiltered, 1.4–1.9 with a filter; 384 wide: 0.22–0.59 unfiltered).
    /// </summary>
    public const int QuantizedMinDimensions = 256;

    private float[] _data;
    private readonly QuantizedRows? _quantized;

    /// <summary>An empty matrix of <paramref name="dimensions"/> columns; <paramref name="quantized"/> keeps the 8-bit copy for the two-pass scan when rows are at least <see cref="QuantizedMinDimensions"/> wide.</summary>
    public VectorMatrix(int dimensions, int capacity = 16, bool quantized = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _data = new float[Math.Max(1, capacity) * dimensions];
        _quantized = quantized && dimensions >= QuantizedMinDimensions ? new QuantizedRows(dimensions, Math.Max(1, capacity)) : null;
    }

    /// <summary>Whether the matrix keeps the 8-bit copy of its rows (a quarter more memory, plus 8 bytes a row) for the two-pass scan.</summary>
    public bool Quantized => _quantized is not null;

    /// <summary>
    /// Whether <see cref="Search"/> runs the two-pass scan where it applies (default); off, every row is scored in
    /// floats. The 8-bit copy is kept either way. Results are the same; only the time differs.
    /// </summary>
    public bool QuantizedScan { get; set; } = true;

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
        _quantized?.Write(Count, vector, replacing: false);
        return Count++;
    }

    /// <summary>Overwrites row <paramref name="row"/>.</summary>
    public void Set(int row, ReadOnlySpan<float> vector)
    {
        CheckWidth(vector);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)Count, nameof(row));
        vector.CopyTo(_data.AsSpan(row * Dimensions, Dimensions));
        _quantized?.Write(row, vector, replacing: true);
    }

    /// <summary>Moves the last row into <paramref name="row"/> and drops the last row (O(1) delete).</summary>
    public void RemoveBySwap(int row)
    {
        var last = Count - 1;
        if (row != last)
        {
            _data.AsSpan(last * Dimensions, Dimensions).CopyTo(_data.AsSpan(row * Dimensions, Dimensions));
        }

        _quantized?.Replace(row, last);
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
            return ScoreHeap.Pairs(ids, scores, n);
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
        return ScoreHeap.Pairs(mergedIds, mergedScores, count);
    }

    /// <summary>Top-k of rows [from, to) into <paramref name="ids"/>/<paramref name="scores"/>, best first; returns how many.</summary>
    private int ScanRange(ReadOnlySpan<float> query, int from, int to, int k, Func<int, bool>? include, Span<int> ids, Span<float> scores)
    {
        if (QuantizedScan && _quantized is { NonFiniteRows: 0 } && to - from >= QuantizedScanRows && QuantizedRows.Accelerated)
        {
            if (QuantizedRows.IsFinite(query, out var maxAbs))
            {
                return ScanQuantized(_quantized, query, maxAbs, from, to, k, include, ids, scores);
            }
        }

        return ScanFloats(query, from, to, k, include, ids, scores);
    }

    private int ScanFloats(ReadOnlySpan<float> query, int from, int to, int k, Func<int, bool>? include, Span<int> ids, Span<float> scores)
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

            Offer(ref heap, query, data, r, dims);
        }

        var n = heap.Count;
        heap.DrainBestFirst(ids, scores);
        return n;
    }

    // The two-pass scan. With x a row, x̂ = s·q its 8-bit form (|x − x̂| ≤ s/2 per element) and y, ŷ = t·Q the query's,
    // x·y = x̂·ŷ + x̂·(y − ŷ) + (x − x̂)·y, so |x·y − s·t·(q·Q)| ≤ (t/2)·|x̂|₁ + (s/2)·|y|₁. The float score the first
    // pass stands in for is itself within d·u·max|y|·|x|₁ of x·y (u the float unit round-off), and |x|₁ ≤ |x̂|₁ + d·s/2;
    // both go into the bound, with slack for the rounding of the bound itself.
    //
    // The first pass keeps a row when its upper bound reaches a bar: a sample's lower bounds set it where
    // about 4k rows are expected above it, so the pass needs no heap; the k-th best lower bound among the kept rows is
    // then the bar the second pass rescores against. Should fewer than k rows reach the sampled bar (a sample far
    // from the rest), the pass runs again with no bar.
    private int ScanQuantized(
        QuantizedRows rows, ReadOnlySpan<float> query, float maxAbs, int from, int to, int k, Func<int, bool>? include, Span<int> ids, Span<float> scores)
    {
        var dims = Dimensions;
        var span = to - from;
        var codes = ArrayPool<short>.Shared.Rent(dims);
        var kept = ArrayPool<int>.Shared.Rent(span);
        var uppers = ArrayPool<float>.Shared.Rent(span);
        var lowers = ArrayPool<float>.Shared.Rent(span);
        try
        {
            var queryCodes = codes.AsSpan(0, dims);
            var queryScale = QuantizedRows.QuantizeQuery(query, queryCodes, maxAbs);
            var floatError = 2f * dims * MathF.ScaleB(1f, -24) * maxAbs;
            var perScale = (0.5005f * TensorPrimitives.SumOfMagnitudes(query)) + (floatError * dims * 0.5f);
            var perNorm = (0.5005f * queryScale) + floatError;
            var bar = SampledBar(rows, queryCodes, queryScale, perScale, perNorm, from, span, k, include, lowers, out var allowedShare);
            if (allowedShare < 0.5)
            {
                // Most rows filtered out: the float scan reads only the rows allowed, fewer bytes than the integer pass's
                // bounds over every row plus its second pass.
                return ScanFloats(query, from, to, k, include, ids, scores);
            }

            int count;
            while (true)
            {
                count = rows.Bound(queryCodes, queryScale, perScale, perNorm, from, to, include, bar, kept, uppers, lowers, out var reached);
                if (reached >= k || float.IsNegativeInfinity(bar))
                {
                    break;
                }

                bar = float.NegativeInfinity;
            }

            // Every row not kept has a lower bound below the bar, and at least k kept rows reach it: the k-th best lower
            // bound overall is among the kept rows. (The selection reorders the lower bounds; the second pass reads only the
            // kept rows and their upper bounds.)
            var threshold = count >= k ? KthLargest(lowers.AsSpan(0, count), k) : float.NegativeInfinity;
            var heap = new ScoreHeap(new int[k], new float[k], k);
            var data = _data.AsSpan(0, Count * dims);
            for (var i = 0; i < count; i++)
            {
                if (uppers[i] < threshold)
                {
                    continue;
                }

                Offer(ref heap, query, data, kept[i], dims);
            }

            var n = heap.Count;
            heap.DrainBestFirst(ids, scores);
            return n;
        }
        finally
        {
            ArrayPool<short>.Shared.Return(codes);
            ArrayPool<int>.Shared.Return(kept);
            ArrayPool<float>.Shared.Return(uppers);
            ArrayPool<float>.Shared.Return(lowers);
        }
    }

    /// <summary>Rows the first pass samples to place its bar (at most an eighth of the rows scanned), in runs of <see cref="BarSampleRun"/>.</summary>
    private const int BarSampleRows = 1_024;

    private const int BarSampleRun = 64;

    // A lower bound about 4k rows are expected to reach, from the lower bounds of a sample (evenly spaced runs of
    // consecutive rows, which the memory prefetcher streams); negative infinity when the sample is too small to place it.
    // Also gives the share of the sample the predicate allows (1 when nothing was sampled). Uses <paramref name="scratch"/>.
    private static float SampledBar(
        QuantizedRows rows, ReadOnlySpan<short> query, float queryScale, float perScale, float perNorm, int from, int span, int k,
        Func<int, bool>? include, float[] scratch, out double allowedShare)
    {
        allowedShare = 1;
        var samples = Math.Min(BarSampleRows, span / 8) / BarSampleRun * BarSampleRun;
        if (samples < 2 * BarSampleRun)
        {
            return float.NegativeInfinity;
        }

        var runs = samples / BarSampleRun;
        var taken = 0;
        for (var j = 0; j < runs; j++)
        {
            var start = from + (int)((long)j * (span - BarSampleRun) / (runs - 1));
            for (var r = start; r < start + BarSampleRun; r++)
            {
                if (include is null || include(r))
                {
                    scratch[taken++] = rows.LowerBound(r, query, queryScale, perScale, perNorm);
                }
            }
        }

        allowedShare = taken / (double)samples;
        var rank = Math.Max(4, (int)Math.Ceiling(4.0 * k * samples / span));
        return rank <= samples / 4 && taken >= 2 * rank ? KthLargest(scratch.AsSpan(0, taken), rank) : float.NegativeInfinity;
    }

    /// <summary>The <paramref name="k"/>-th largest of <paramref name="values"/> (1-based; reorders them), by quickselect.</summary>
    internal static float KthLargest(Span<float> values, int k)
    {
        var target = k - 1;
        var lo = 0;
        var hi = values.Length - 1;
        while (lo < hi)
        {
            // Median of three as the pivot, then a partition into [> pivot | == pivot | < pivot].
            var mid = lo + ((hi - lo) >> 1);
            var pivot = Median(values[lo], values[mid], values[hi]);
            var lt = lo;
            var i = lo;
            var gt = hi;
            while (i <= gt)
            {
                var v = values[i];
                if (v > pivot)
                {
                    (values[lt], values[i]) = (values[i], values[lt]);
                    lt++;
                    i++;
                }
                else if (v < pivot)
                {
                    (values[i], values[gt]) = (values[gt], values[i]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            if (target < lt)
            {
                hi = lt - 1;
            }
            else if (target > gt)
            {
                lo = gt + 1;
            }
            else
            {
                return pivot;
            }
        }

        return values[target];

        static float Median(float a, float b, float c) => a > b ? (b > c ? b : Math.Min(a, c)) : (a > c ? a : Math.Min(b, c));
    }

    // Scores row r in floats and offers it to the heap (a NaN score never enters).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Offer(ref ScoreHeap heap, ReadOnlySpan<float> query, ReadOnlySpan<float> data, int r, int dims)
    {
        var score = TensorPrimitives.Dot(query, data.Slice(r * dims, dims));
        if (score > heap.Threshold)
        {
            heap.Offer(r, score);
        }
    }

    private void CheckWidth(ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Vector has {vector.Length} dimensions; this index holds {Dimensions}-dimensional vectors.", nameof(vector));
        }
    }
}
