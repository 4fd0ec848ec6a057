using System.Numerics;

namespace AgentRec.Core.Personalization;

/// <summary>Ranking helpers over dense score vectors: masking and the rank of one item.</summary>
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
}
