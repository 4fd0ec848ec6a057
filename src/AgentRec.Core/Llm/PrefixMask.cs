using System.Numerics;

namespace AgentRec.Core.Llm;

/// <summary>
/// Fixed texts (enum options, object keys) matched a character at a time: the texts still possible are the set bits
/// of a mask over at most 64 of them.
/// </summary>
internal static class PrefixMask
{
    /// <summary>The mask of the first <paramref name="count"/> texts (all 64 when there are more).</summary>
    public static ulong All(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;

    /// <summary>The texts in <paramref name="mask"/> whose character at <paramref name="pos"/> is <paramref name="c"/>; 0 when none.</summary>
    public static ulong Narrow(ReadOnlySpan<string> texts, ulong mask, int pos, char c)
    {
        ulong next = 0;
        for (var m = mask; m != 0; m &= m - 1)
        {
            var i = BitOperations.TrailingZeroCount(m);
            if (texts[i].Length > pos && texts[i][pos] == c)
            {
                next |= 1UL << i;
            }
        }

        return next;
    }

    /// <summary>The first text in <paramref name="mask"/> that is <paramref name="length"/> characters long (matched to its end), or -1.</summary>
    public static int Ended(ReadOnlySpan<string> texts, ulong mask, int length)
    {
        for (var m = mask; m != 0; m &= m - 1)
        {
            var i = BitOperations.TrailingZeroCount(m);
            if (texts[i].Length == length)
            {
                return i;
            }
        }

        return -1;
    }
}
