using System.Numerics.Tensors;

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
                var pivotRows = panel.AsSpan(0, blockRows * n);
                for (var t = 0; t < blockRows; t++)
                {
                    if (c[t] != 0f)
                    {
                        TensorPrimitives.MultiplyAdd(pivotRows.Slice(t * n, n), -c[t], row, row);
                    }
                }

                return coefficients;
            }, _ => { });

            rows.CopyTo(a.AsSpan(k0 * n, b * n));
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
