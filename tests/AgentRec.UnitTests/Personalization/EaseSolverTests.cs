using AgentRec.Core.Personalization;

namespace AgentRec.UnitTests.Personalization;

public sealed class EaseSolverTests
{
    [Fact]
    public void Ease_weights_of_two_co_occurring_items_match_the_hand_computed_closed_form()
    {
        // G = [[2,1],[1,2]], λ = 1: P = (G+I)⁻¹ = [[3,−1],[−1,3]]/8, B[i,j] = −P[i,j]/P[j,j] = 1/3 off the diagonal.
        float[] gram = [2, 1, 1, 2];

        var b = EaseSolver.Solve(gram, 2, 1f);

        Assert.Equal([0f, 1f / 3, 1f / 3, 0f], b, (x, y) => Math.Abs(x - y) < 1e-6f);
    }

    [Fact]
    public void Blocked_inversion_matches_a_direct_double_precision_inverse()
    {
        const int N = 131; // several blocks and a ragged last one
        var random = new Random(7);
        var x = new double[N * 40];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble() < 0.2 ? 1 : 0;
        }

        // A = XᵀX + 5I: symmetric positive definite, shaped like an EASE Gram matrix.
        var a = new double[N * N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                double s = i == j ? 5 : 0;
                for (var r = 0; r < 40; r++)
                {
                    s += x[r * N + i] * x[r * N + j];
                }

                a[i * N + j] = s;
            }
        }

        var expected = DirectInverse(a, N);
        var actual = a.Select(v => (float)v).ToArray();

        EaseSolver.InvertInPlace(actual, N);

        var worst = 0.0;
        for (var k = 0; k < actual.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(actual[k] - expected[k]));
        }

        Assert.True(worst < 1e-5, $"largest difference {worst}");
    }

    // Gauss–Jordan with partial pivoting on an augmented matrix, in double.
    private static double[] DirectInverse(double[] source, int n)
    {
        var m = new double[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                m[i, j] = source[i * n + j];
            }

            m[i, n + i] = 1;
        }

        for (var k = 0; k < n; k++)
        {
            var pivot = k;
            for (var i = k + 1; i < n; i++)
            {
                if (Math.Abs(m[i, k]) > Math.Abs(m[pivot, k]))
                {
                    pivot = i;
                }
            }

            for (var j = 0; j < 2 * n; j++)
            {
                (m[k, j], m[pivot, j]) = (m[pivot, j], m[k, j]);
            }

            var d = m[k, k];
            for (var j = 0; j < 2 * n; j++)
            {
                m[k, j] /= d;
            }

            for (var i = 0; i < n; i++)
            {
                if (i != k && m[i, k] != 0)
                {
                    var f = m[i, k];
                    for (var j = 0; j < 2 * n; j++)
                    {
                        m[i, j] -= f * m[k, j];
                    }
                }
            }
        }

        var inverse = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[i * n + j] = m[i, n + j];
            }
        }

        return inverse;
    }
}
