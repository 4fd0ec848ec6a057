using System.Numerics;
using System.Runtime.InteropServices;

namespace AgentRec.Core.Personalization;

/// <summary>
/// The closed form of EASE (Steck 2019): B = I − P·diag(1/diag P) with P = (G + λI)⁻¹ and a zero diagonal,
/// solved in place by a blocked Gauss–Jordan inversion whose rank-b updates run row-parallel.
/// </summary>
internal static class EaseSolver
{
    private const int BlockSize = 48;

    /// <summary>Returns the n×n EASE weights (row i: how much having item i adds to every item) from the Gram matrix.</summary>
    public static float[] Solve(ReadOnlySpan<float> gram, int n, float lambda)
    {
        var a = gram.ToArray();
        for (var i = 0; i < n; i++)
        {
            a[(long)i * n + i] += lambda;
        }

        InvertInPlace(a, n);
        var inverseDiagonal = new float[n];
        for (var j = 0; j < n; j++)
        {
            inverseDiagonal[j] = -1f / a[(long)j * n + j];
        }

        Parallel.For(0, n, i =>
        {
            var row = a.AsSpan(i * n, n);
            TensorPrimitives.Multiply(row, inverseDiagonal, row);
            row[i] = 0f;
        });
        return a;
    }

    /// <summary>
    /// Inverts a symmetric positive-definite n×n row-major matrix in place. No pivoting is needed: every pivot block
    /// is a Schur complement of an SPD matrix, hence SPD itself.
    /// </summary>
    public static void InvertInPlace(float[] a, int n)
    {
        ArgumentNullException.ThrowIfNull(a);
        if ((long)n * n != a.Length)
        {
            throw new ArgumentException($"Expected {n}×{n} values, found {a.Length}.", nameof(a));
        }

        var pivot = new double[BlockSize * BlockSize];
        var panel = new float[BlockSize * n];
        for (var k0 = 0; k0 < n; k0 += BlockSize)
        {
            var b = Math.Min(BlockSize, n - k0);
            for (var s = 0; s < b; s++)
            {
                for (var t = 0; t < b; t++)
                {
                    pivot[s * b + t] = a[(long)(k0 + s) * n + k0 + t];
                }
            }

            InvertSmall(pivot.AsSpan(0, b * b), b, k0);

            // New pivot rows: P·A[K,:], with P itself in the pivot columns.
            var rows = panel.AsSpan(0, b * n);
            rows.Clear();
            for (var t = 0; t < b; t++)
            {
                var target = rows.Slice(t * n, n);
                for (var s = 0; s < b; s++)
                {
                    TensorPrimitives.MultiplyAdd(a.AsSpan((k0 + s) * n, n), (float)pivot[t * b + s], target, target);
                }

                for (var s = 0; s < b; s++)
                {
                    target[k0 + s] = (float)pivot[t * b + s];
                }
            }

            var pivotStart = k0;
            var blockRows = b;
            Parallel.For(0, n, () => new float[BlockSize], (i, _, coefficients) =>
            {
                if (i >= pivotStart && i < pivotStart + blockRows)
                {
                    return coefficients;
                }

                // A[i,:] −= A[i,K]·(new pivot rows); zeroing A[i,K] first leaves −A[i,K]·P in the pivot columns.
                var row = a.AsSpan(i * n, n);
                var c = coefficients.AsSpan(0, blockRows);
                row.Slice(pivotStart, blockRows).CopyTo(c);
                row.Slice(pivotStart, blockRows).Clear();
                TensorPrimitives.Negate(c, c);
                AddScaledRows(row, panel.AsSpan(0, blockRows * n), c);
                return coefficients;
            }, _ => { });

            rows.CopyTo(a.AsSpan(k0 * n, b * n));
        }
    }

    /// <summary>row += Σₜ c[t]·rows[t]: four source rows per pass, so the target row is loaded and stored a quarter as often.</summary>
    private static void AddScaledRows(Span<float> row, ReadOnlySpan<float> rows, ReadOnlySpan<float> c)
    {
        var n = row.Length;
        var width = Vector<float>.Count;
        ref var target = ref MemoryMarshal.GetReference(row);
        var t = 0;
        for (; t + 4 <= c.Length; t += 4)
        {
            ref var r0 = ref MemoryMarshal.GetReference(rows.Slice(t * n, n));
            ref var r1 = ref MemoryMarshal.GetReference(rows.Slice((t + 1) * n, n));
            ref var r2 = ref MemoryMarshal.GetReference(rows.Slice((t + 2) * n, n));
            ref var r3 = ref MemoryMarshal.GetReference(rows.Slice((t + 3) * n, n));
            Vector<float> c0 = new(c[t]), c1 = new(c[t + 1]), c2 = new(c[t + 2]), c3 = new(c[t + 3]);
            var j = 0;
            for (; j <= n - width; j += width)
            {
                var offset = (nuint)j;
                var acc = Vector.LoadUnsafe(ref target, offset);
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r0, offset), c0, acc);
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r1, offset), c1, acc);
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r2, offset), c2, acc);
                acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref r3, offset), c3, acc);
                acc.StoreUnsafe(ref target, offset);
            }

            for (; j < n; j++)
            {
                row[j] += (c[t] * rows[t * n + j]) + (c[t + 1] * rows[((t + 1) * n) + j])
                    + (c[t + 2] * rows[((t + 2) * n) + j]) + (c[t + 3] * rows[((t + 3) * n) + j]);
            }
        }

        for (; t < c.Length; t++)
        {
            TensorPrimitives.MultiplyAdd(rows.Slice(t * n, n), c[t], row, row);
        }
    }

    // Plain Gauss–Jordan in double for one pivot block.
    private static void InvertSmall(Span<double> m, int b, int offset)
    {
        for (var k = 0; k < b; k++)
        {
            var d = m[k * b + k];
            if (!(d > 0) || !double.IsFinite(d))
            {
                throw new InvalidOperationException($"Matrix is not positive definite (pivot {offset + k} is {d}).");
            }

            var p = 1.0 / d;
            for (var j = 0; j < b; j++)
            {
                if (j != k)
                {
                    m[k * b + j] *= p;
                }
            }

            for (var i = 0; i < b; i++)
            {
                if (i == k)
                {
                    continue;
                }

                var f = m[i * b + k];
                if (f == 0)
                {
                    continue;
                }

                for (var j = 0; j < b; j++)
                {
                    if (j != k)
                    {
                        m[i * b + j] -= f * m[k * b + j];
                    }
                }

                m[i * b + k] = -f * p;
            }

            m[k * b + k] = p;
        }
    }
}
