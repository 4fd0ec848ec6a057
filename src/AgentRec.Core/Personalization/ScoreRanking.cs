using System.Numerics;

namespace AgentRec.Core.Personalization;

/// <summary>Ranking helpers over dense score vectors: masking, the rank of one item, top-k selection.</summary>
public static class ScoreRanking
{
    /// <summary>Sets the scores of <paramref name="items"/> to −∞ so they are never ranked.</summary>
    public static void Mask(Span<float> scores, ReadOnlySpan<int> items)
    {
        foreach (var item in items)
        {
            scores[item] = float.NegativeInfinity;
        }
    }

    /// <summary>
    /// The 0-based rank of <paramref name="target"/>: how many items score higher, ties going to the lower index
    /// (deterministic, neither optimistic nor favourable to constant scorers). Counted with SIMD compares.
    /// </summary>
    public static int RankOf(ReadOnlySpan<float> scores, int target)
    {
        var value = scores[target];
        if (float.IsNaN(value))
        {
            return scores.Length;
        }

        var above = 0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && scores.Length >= Vector<float>.Count)
        {
            var threshold = new Vector<float>(value);
            var counts = Vector<int>.Zero;
            var last = scores.Length - Vector<float>.Count;
            for (; i <= last; i += Vector<float>.Count)
            {
                // Each true lane is −1, so subtracting counts them.
                counts -= Vector.GreaterThan(new Vector<float>(scores[i..]), threshold);
            }

            above = Vector.Sum(counts);
        }

        for (; i < scores.Length; i++)
        {
            if (scores[i] > value)
            {
                above++;
            }
        }

        for (var j = 0; j < target; j++)
        {
            if (scores[j] == value)
            {
                above++;
            }
        }

        return above;
    }

    /// <summary>Writes the indices of the <paramref name="top"/>.Length best scores into <paramref name="top"/>, best first; returns how many.</summary>
    public static int TopK(ReadOnlySpan<float> scores, Span<int> top)
    {
        var k = Math.Min(top.Length, scores.Length);
        if (k == 0)
        {
            return 0;
        }

        // A min-heap of the best k seen so far; its root is the bar a new score must clear.
        var heap = top[..k];
        var size = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (size < k)
            {
                heap[size] = i;
                SiftUp(heap, size++, scores);
            }
            else if (Better(scores, i, heap[0]))
            {
                heap[0] = i;
                SiftDown(heap, size, scores);
            }
        }

        for (var end = size - 1; end > 0; end--)
        {
            (heap[0], heap[end]) = (heap[end], heap[0]);
            SiftDown(heap[..end], end, scores);
        }

        return size;
    }

    private static bool Better(ReadOnlySpan<float> scores, int a, int b) =>
        scores[a] > scores[b] || (scores[a] == scores[b] && a < b);

    private static void SiftUp(Span<int> heap, int index, ReadOnlySpan<float> scores)
    {
        while (index > 0)
        {
            var parent = (index - 1) / 2;
            if (!Better(scores, heap[parent], heap[index]))
            {
                break;
            }

            (heap[parent], heap[index]) = (heap[index], heap[parent]);
            index = parent;
        }
    }

    private static void SiftDown(Span<int> heap, int size, ReadOnlySpan<float> scores)
    {
        var index = 0;
        while (true)
        {
            int left = 2 * index + 1, right = left + 1, worst = index;
            if (left < size && Better(scores, heap[worst], heap[left]))
            {
                worst = left;
            }

            if (right < size && Better(scores, heap[worst], heap[right]))
            {
                worst = right;
            }

            if (worst == index)
            {
                return;
            }

            (heap[worst], heap[index]) = (heap[index], heap[worst]);
            index = worst;
        }
    }
}
