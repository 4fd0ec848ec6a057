using System.Runtime.Intrinsics;

namespace AgentRec.Core.Intent;

/// <summary>
/// Folded names grouped by length, each with a sketch of its character counts: a fuzzy lookup reads only the lengths
/// within its edit budget and skips the names whose sketches are too far from its own.
/// </summary>
internal sealed class TitleSketches
{
    /// <summary>The bytes of one sketch.</summary>
    internal const int Bytes = 32;

    private readonly string[][] _keysByLength;
    private readonly byte[][] _sketchesByLength;

    /// <summary>Indexes <paramref name="keys"/> by length and sketch.</summary>
    internal TitleSketches(IReadOnlyCollection<string> keys)
    {
        var maxLength = 0;
        foreach (var key in keys)
        {
            maxLength = Math.Max(maxLength, key.Length);
        }

        var buckets = new List<string>[maxLength + 1];
        foreach (var key in keys)
        {
            (buckets[key.Length] ??= []).Add(key);
        }

        _keysByLength = new string[maxLength + 1][];
        _sketchesByLength = new byte[maxLength + 1][];
        for (var l = 0; l <= maxLength; l++)
        {
            _keysByLength[l] = buckets[l]?.ToArray() ?? [];
            _sketchesByLength[l] = new byte[_keysByLength[l].Length * Bytes];
            for (var k = 0; k < _keysByLength[l].Length; k++)
            {
                Sketch(_keysByLength[l][k], _sketchesByLength[l].AsSpan(k * Bytes, Bytes));
            }
        }
    }

    /// <summary>The length of the longest name.</summary>
    internal int MaxLength => _keysByLength.Length - 1;

    /// <summary>The names of <paramref name="length"/> characters.</summary>
    internal string[] KeysOfLength(int length) => _keysByLength[length];

    /// <summary>The sketches of <see cref="KeysOfLength"/>, <see cref="Bytes"/> each, in the same order.</summary>
    internal byte[] SketchesOfLength(int length) => _sketchesByLength[length];

    /// <summary>
    /// A folded name's character counts in 32 buckets (letters, digits by fives, the rest together), saturating at 255.
    /// One edit moves the counts by at most 2 in total, so two names whose sketches differ by more than 2·d are more than
    /// d edits apart, and the edit distance need not be computed.
    /// </summary>
    internal static void Sketch(ReadOnlySpan<char> key, Span<byte> sketch)
    {
        sketch.Clear();
        foreach (var c in key)
        {
            var bucket = c is >= 'a' and <= 'z' ? c - 'a' : c is >= '0' and <= '9' ? 26 + ((c - '0') % 5) : 31;
            if (sketch[bucket] < byte.MaxValue)
            {
                sketch[bucket]++;
            }
        }
    }

    /// <summary>The L1 distance of two sketches (a lower bound on twice the names' edit distance).</summary>
    internal static int SketchDistance(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var va = Vector256.Create(a);
        var vb = Vector256.Create(b);
        var (lo, hi) = Vector256.Widen(Vector256.Max(va, vb) - Vector256.Min(va, vb));
        return Vector256.Sum(lo + hi);
    }
}
