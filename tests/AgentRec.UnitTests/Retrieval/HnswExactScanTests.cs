using System.Numerics.Tensors;
using AgentRec.Core.Retrieval;

namespace AgentRec.UnitTests.Retrieval;

public sealed class HnswExactScanTests
{
    [Fact]
    public void Parallel_exact_scan_of_a_large_matrix_matches_a_full_sort()
    {
        const int dims = 8;
        var rows = VectorMatrix.ParallelRows * 2;
        var vectors = HnswTestVectors.Unit(rows, dims, seed: 17);
        var matrix = new VectorMatrix(dims, rows);
        for (var i = 0; i < rows; i++)
        {
            matrix.Add(vectors.AsSpan(i * dims, dims));
        }

        var query = HnswTestVectors.Unit(1, dims, seed: 18);

        var hits = matrix.Search(query, 25, r => r % 3 != 0).Select(h => h.Row);
        var sorted = Enumerable.Range(0, rows).Where(r => r % 3 != 0)
            .OrderByDescending(r => TensorPrimitives.Dot(query, vectors.AsSpan(r * dims, dims))).Take(25);

        Assert.Equal(sorted, hits);
    }

    [Fact]
    public void Exact_scan_asking_for_more_than_there_are_returns_every_row_best_first()
    {
        var matrix = new VectorMatrix(2);
        matrix.Add([1, 0]);
        matrix.Add([0, 1]);
        matrix.Add([0.6f, 0.8f]);

        var hits = matrix.Search([1, 0], 10);

        Assert.Equal([0, 2, 1], hits.Select(h => h.Row));
    }
}
