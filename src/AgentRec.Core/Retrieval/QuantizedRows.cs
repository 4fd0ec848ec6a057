using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// An 8-bit copy of a <see cref="VectorMatrix"/>'s rows, a quarter of the float rows' bytes: each row is scaled by
/// its largest magnitude to integers in [-127, 127], and keeps its scale and the L1 norm of its dequantised values, so a
/// scan can bound every row's exact dot product from the integer one without reading the float row
/// (<see cref="VectorMatrix.Search"/> reads the float rows only of the rows those bounds cannot rule out).
/// </summary>
internal sealed class QuantizedRows
{
    private readonly int _dims;
    private readonly bool _wide;
    private sbyte[] _codes;
    private float[] _scales;
    private float[] _norms;

    public QuantizedRows(int dims, int capacity)
    {
        _dims = dims;
        _wide = Avx512BW.IsSupported && dims % 32 == 0;
        _codes = new sbyte[capacity * dims];
        _scales = new float[capacity];
        _norms = new float[capacity];
    }

    /// <summary>Rows holding a NaN or infinity, which the integer bounds cannot cover (a scan falls back to floats).</summary>
    public int NonFiniteRows { get; private set; }

    /// <summary>Quantises <paramref name="vector"/> into row <paramref name="row"/>; <paramref name="replacing"/> when the row held one before.</summary>
    public void Write(int row, ReadOnlySpan<float> vector, bool replacing)
    {
        if (replacing && !float.IsFinite(_scales[row]))
        {
            NonFiniteRows--;
        }

        if ((row + 1) > _scales.Length)
        {
            var capacity = Math.Max(_scales.Length * 2, row + 1);
            Array.Resize(ref _codes, capacity * _dims);
            Array.Resize(ref _scales, capacity);
            Array.Resize(ref _norms, capacity);
        }

        if (!IsFinite(vector, out var maxAbs))
        {
            NonFiniteRows++;
            _scales[row] = float.NaN;
            _norms[row] = float.NaN;
            return;
        }

        var scale = Quantize(vector, _codes.AsSpan(row * _dims, _dims), maxAbs);
        _scales[row] = scale;
        _norms[row] = scale * L1(_codes.AsSpan(row * _dims, _dims));
    }

    /// <summary>Whether every value is finite (the bounds cannot cover a NaN or infinity); <paramref name="maxAbs"/> is the largest magnitude.</summary>
    public static bool IsFinite(ReadOnlySpan<float> vector, out float maxAbs)
    {
        maxAbs = Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        return float.IsFinite(maxAbs) && float.IsFinite(TensorPrimitives.Sum(vector));
    }

    /// <summary>Moves row <paramref name="from"/> into <paramref name="to"/>, dropping what <paramref name="to"/> held.</summary>
    public void Replace(int to, int from)
    {
        if (!float.IsFinite(_scales[to]))
        {
            NonFiniteRows--;
        }

        if (to == from)
        {
            return;
        }

        _codes.AsSpan(from * _dims, _dims).CopyTo(_codes.AsSpan(to * _dims, _dims));
        _scales[to] = _scales[from];
        _norms[to] = _norms[from];
    }

    /// <summary>
    /// Writes <paramref name="values"/> as integers in [-127, 127] scaled by <paramref name="maxAbs"/> / 127 into
    /// <paramref name="codes"/> and returns that scale (0 for an all-zero vector).
    /// </summary>
    public static float Quantize(ReadOnlySpan<float> values, Span<sbyte> codes, float maxAbs) => QuantizeInto(values, codes, maxAbs);

    /// <summary>The query's integers, as 16-bit values so the dot kernel multiplies them without widening; returns the scale.</summary>
    public static float QuantizeQuery(ReadOnlySpan<float> values, Span<short> codes, float maxAbs) => QuantizeInto(values, codes, maxAbs);

    private static float QuantizeInto<T>(ReadOnlySpan<float> values, Span<T> codes, float maxAbs)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        if (maxAbs == 0)
        {
            codes.Clear();
            return 0;
        }

        var inverse = 127f / maxAbs;
        for (var i = 0; i < values.Length; i++)
        {
            codes[i] = T.CreateTruncating((int)Math.Clamp(MathF.Round(values[i] * inverse), -127f, 127f));
        }

        return maxAbs / 127f;
    }

    /// <summary>
    /// The first pass of the two-pass scan over rows [<paramref name="from"/>, <paramref name="to"/>): each allowed row's
    /// integer dot product with <paramref name="query"/>, turned into bounds on its float score
    /// (approx ± (scale × <paramref name="perScale"/> + norm × <paramref name="perNorm"/>)); the rows whose upper bound
    /// reaches <paramref name="bar"/> go into <paramref name="kept"/>, <paramref name="uppers"/> and <paramref name="lowers"/>.
    /// Returns how many were kept; <paramref name="reached"/> is how many of them have a lower bound at the bar too.
    /// </summary>
    public int Bound(
        ReadOnlySpan<short> query, float queryScale, float perScale, float perNorm, int from, int to, Func<int, bool>? include, float bar,
        Span<int> kept, Span<float> uppers, Span<float> lowers, out int reached)
    {
        // Blocks of rows: the predicate is asked for a whole block first, so the scoring loop makes no calls and keeps
        // its values in registers.
        const int block = 512;
        Span<bool> allowed = stackalloc bool[block];
        var bounds = new Coefficients(queryScale, perScale, perNorm, bar);
        var count = 0;
        reached = 0;
        for (var start = from; start < to; start += block)
        {
            var end = Math.Min(to, start + block);
            scoped var mask = Span<bool>.Empty;
            if (include is not null)
            {
                mask = allowed[..(end - start)];
                for (var r = start; r < end; r++)
                {
                    mask[r - start] = include(r);
                }
            }

            count = BoundBlock(query, bounds, start, end, mask, kept, uppers, lowers, count, ref reached);
        }

        return count;
    }

    private int BoundBlock(
        ReadOnlySpan<short> query, Coefficients c, int from, int to, ReadOnlySpan<bool> allowed,
        Span<int> kept, Span<float> uppers, Span<float> lowers, int count, ref int reached)
    {
        var dims = _dims;
        var n = to - from;
        var filtered = !allowed.IsEmpty;

        // The integer dot products first, in a loop of their own (rows left out score 0 and are skipped below)...
        Span<int> dots = stackalloc int[n];
        for (var i = 0; i < n; i++)
        {
            dots[i] = filtered && !allowed[i] ? 0 : RowDot(from + i, query);
        }

        // ...then the bounds, eight rows at a time: approx ± (scale × perScale + norm × perNorm), with slack for the
        // float rounding of these few operations (a few units of 2^-24 each, relative).
        var scales = _scales.AsSpan(from, n);
        var norms = _norms.AsSpan(from, n);
        var i8 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var queryScale = Vector256.Create(c.QueryScale);
            var perScale = Vector256.Create(c.PerScale);
            var perNorm = Vector256.Create(c.PerNorm);
            var bar = Vector256.Create(c.Bar);
            var slack = Vector256.Create(1e-5f);
            ref var dot0 = ref MemoryMarshal.GetReference(dots);
            ref var scale0 = ref MemoryMarshal.GetReference(scales);
            ref var norm0 = ref MemoryMarshal.GetReference(norms);
            for (; i8 <= n - 8; i8 += 8)
            {
                var scale = Vector256.LoadUnsafe(ref scale0, (nuint)i8);
                var approx = scale * queryScale * Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref dot0, (nuint)i8));
                var bound = (scale * perScale) + (Vector256.LoadUnsafe(ref norm0, (nuint)i8) * perNorm);
                bound += slack * (Vector256.Abs(approx) + bound);
                var upper = approx + bound;
                var hits = Vector256.GreaterThanOrEqual(upper, bar).ExtractMostSignificantBits();
                while (hits != 0)
                {
                    var lane = System.Numerics.BitOperations.TrailingZeroCount(hits);
                    hits &= hits - 1;
                    var i = i8 + lane;
                    if (filtered && !allowed[i])
                    {
                        continue;
                    }

                    Keep(from + i, approx.GetElement(lane) - bound.GetElement(lane), upper.GetElement(lane), c.Bar, kept, uppers, lowers, ref count, ref reached);
                }
            }
        }

        for (var i = i8; i < n; i++)
        {
            if (filtered && !allowed[i])
            {
                continue;
            }

            var (lower, upper) = Bounds(scales[i], norms[i], dots[i], c);
            if (upper >= c.Bar)
            {
                Keep(from + i, lower, upper, c.Bar, kept, uppers, lowers, ref count, ref reached);
            }
        }

        return count;
    }

    // Appends a row whose upper bound reached the bar, and counts it as reaching the bar if its lower bound does too.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Keep(
        int row, float lower, float upper, float bar, Span<int> kept, Span<float> uppers, Span<float> lowers, ref int count, ref int reached)
    {
        kept[count] = row;
        uppers[count] = upper;
        lowers[count] = lower;
        count++;
        if (lower >= bar)
        {
            reached++;
        }
    }

    private static (float Lower, float Upper) Bounds(float scale, float norm, int dot, Coefficients c)
    {
        var approx = scale * c.QueryScale * dot;
        var bound = (scale * c.PerScale) + (norm * c.PerNorm);
        bound += 1e-5f * (Math.Abs(approx) + bound);
        return (approx - bound, approx + bound);
    }

    private readonly record struct Coefficients(float QueryScale, float PerScale, float PerNorm, float Bar);

    /// <summary>The bounds of one row, as <see cref="Bound"/> computes them (the sample that places its bar uses this).</summary>
    public float LowerBound(int row, ReadOnlySpan<short> query, float queryScale, float perScale, float perNorm) =>
        Bounds(_scales[row], _norms[row], RowDot(row, query), new Coefficients(queryScale, perScale, perNorm, 0)).Lower;

    // Row r's integer dot product: whole 512-bit steps when the width allows, the general kernel otherwise.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RowDot(int row, ReadOnlySpan<short> query)
    {
        ref var codes = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_codes), (nint)row * _dims);
        return _wide ? Dot512(ref codes, ref MemoryMarshal.GetReference(query), _dims) : Dot(MemoryMarshal.CreateReadOnlySpan(ref codes, _dims), query);
    }

    // The first dims values (a multiple of 32): whole 512-bit steps, no tail, one reduction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Dot512(ref sbyte row, ref short query, int dims)
    {
        var acc = Vector512<int>.Zero;
        for (nuint i = 0; i < (nuint)dims; i += 32)
        {
            var wide = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref row, i));
            acc += Avx512BW.MultiplyAddAdjacent(wide, Vector512.LoadUnsafe(ref query, i));
        }

        var half = acc.GetLower() + acc.GetUpper();
        var quarter = half.GetLower() + half.GetUpper();
        quarter += Sse2.Shuffle(quarter, 0b01_00_11_10);
        quarter += Sse2.Shuffle(quarter, 0b10_11_00_01);
        return quarter.ToScalar();
    }

    /// <summary>Whether this machine has the integer multiply-add the scan needs to beat the float one (AVX2 or AVX-512BW).</summary>
    public static bool Accelerated => Avx2.IsSupported;

    /// <summary>Σ row[i] × query[i] in 32-bit integers (no overflow: each product is at most 127², lengths far below 2^17).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var n = row.Length;
        ref var a = ref MemoryMarshal.GetReference(row);
        ref var b = ref MemoryMarshal.GetReference(query);
        var i = 0;
        var total = 0;
        if (Avx512BW.IsSupported && n >= 32)
        {
            i = n & ~31;
            total = Dot512(ref a, ref b, i);
        }

        if (Avx2.IsSupported && n - i >= 16)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref a, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref b, (nuint)i));
            }

            total += Vector256.Sum(acc);
        }

        for (; i < n; i++)
        {
            total += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return total;
    }

    /// <summary>The same sum one element at a time: the reference the vector kernel is tested against.</summary>
    public static int DotScalar(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var total = 0;
        for (var i = 0; i < row.Length; i++)
        {
            total += row[i] * query[i];
        }

        return total;
    }

    private static int L1(ReadOnlySpan<sbyte> codes)
    {
        var total = 0;
        foreach (var c in codes)
        {
            total += Math.Abs(c);
        }

        return total;
    }
}
