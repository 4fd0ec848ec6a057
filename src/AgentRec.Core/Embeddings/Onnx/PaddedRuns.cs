namespace AgentRec.Core.Embeddings.Onnx;

/// <summary>
/// Splits rows sorted by sequence length into the runs that a BERT-family graph computes fastest: every run is padded to
/// its longest row, so one run over rows of mixed length spends work on padding (a batch of 32 texts of 10 to 60 tokens
/// pads to 60 and computes about twice the tokens it holds). The split minimises the padded tokens plus
/// <see cref="RunCostTokens"/> per run (the fixed cost of a call into the runtime and its smaller matrix products), with
/// at most the batch size rows per run, by dynamic programming over the sorted lengths.
/// </summary>
public static class PaddedRuns
{
    /// <summary>The cost of one more run, in padded tokens: a run of a MiniLM-L6-sized graph costs about as much as this many tokens more.</summary>
    public const int RunCostTokens = 48;

    /// <summary>
    /// Sorts <paramref name="lengths"/> ascending in place, rows of equal length in input order, and writes into
    /// <paramref name="order"/> the input row now at each position: the order <see cref="Split"/> and the runs want.
    /// </summary>
    public static void SortByLength(Span<int> lengths, Span<int> order)
    {
        var count = lengths.Length;
        var keys = ArrayPool<long>.Shared.Rent(count);
        try
        {
            // Length above position: one primitive sort orders by length and keeps input order among equals.
            for (var i = 0; i < count; i++)
            {
                keys[i] = ((long)lengths[i] << 32) | (uint)i;
            }

            Array.Sort(keys, 0, count);
            for (var i = 0; i < count; i++)
            {
                order[i] = (int)(keys[i] & uint.MaxValue);
                lengths[i] = (int)(keys[i] >> 32);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    /// <summary>
    /// Writes into <paramref name="ends"/> the exclusive end of each run over <paramref name="sortedLengths"/> (ascending),
    /// none longer than <paramref name="maxRows"/>; returns how many runs. <paramref name="ends"/> needs one slot per row.
    /// </summary>
    public static int Split(ReadOnlySpan<int> sortedLengths, int maxRows, Span<int> ends)
    {
        var n = sortedLengths.Length;
        if (n == 0)
        {
            return 0;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        if (ends.Length < n)
        {
            throw new ArgumentException($"{n} rows need {n} slots for run ends; {ends.Length} were given.", nameof(ends));
        }

        // cost[j]: cheapest split of the first j rows; start[j]: where its last run begins.
        Span<long> cost = n <= 256 ? stackalloc long[n + 1] : new long[n + 1];
        Span<int> start = n <= 256 ? stackalloc int[n + 1] : new int[n + 1];
        cost[0] = 0;
        for (var j = 1; j <= n; j++)
        {
            var longest = sortedLengths[j - 1];
            var best = long.MaxValue;
            var bestStart = j - 1;
            for (var i = j - 1; i >= Math.Max(0, j - maxRows); i--)
            {
                var c = cost[i] + ((long)(j - i) * longest) + RunCostTokens;
                if (c < best)
                {
                    best = c;
                    bestStart = i;
                }
            }

            cost[j] = best;
            start[j] = bestStart;
        }

        // Walk back from the end, then reverse into ascending order.
        var runs = 0;
        for (var j = n; j > 0; j = start[j])
        {
            ends[runs++] = j;
        }

        ends[..runs].Reverse();
        return runs;
    }

    /// <summary>The tokens the runs of <see cref="Split"/> compute over <paramref name="sortedLengths"/>, padding included.</summary>
    public static long PaddedTokens(ReadOnlySpan<int> sortedLengths, int maxRows)
    {
        var ends = new int[sortedLengths.Length];
        var runs = Split(sortedLengths, maxRows, ends);
        long tokens = 0;
        for (int r = 0, start = 0; r < runs; start = ends[r++])
        {
            tokens += (long)(ends[r] - start) * sortedLengths[ends[r] - 1];
        }

        return tokens;
    }
}
