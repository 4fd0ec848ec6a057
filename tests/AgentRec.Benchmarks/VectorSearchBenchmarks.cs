using System.Numerics.Tensors;
using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Hnsw;
using BenchmarkDotNet.Attributes;

namespace AgentRec.Benchmarks;

/// <summary>Exact scan against the HNSW graph at 10k×384, top-10, with and without a filter passing a quarter of the rows.</summary>
[MemoryDiagnoser]
public class VectorSearchBenchmarks
{
    private const int Rows = 10_000;
    private const int Dims = 384;
    private readonly Func<int, bool> _quarter = row => row % 4 == 0;
    private VectorMatrix _matrix = null!;
    private HnswIndex _index = null!;
    private float[] _queries = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var vectors = Unit(Rows, seed: 1);
        _matrix = new VectorMatrix(Dims, Rows);
        for (var i = 0; i < Rows; i++)
        {
            _matrix.Add(vectors.AsSpan(i * Dims, Dims));
        }

        _index = new HnswIndex(Dims, new HnswParameters { EfConstruction = 100, ExactFilterRows = 0 }, new Random(2), Rows);
        _index.AddRange(vectors);
        _queries = Unit(64, seed: 3);
    }

    [Benchmark(Baseline = true)]
    public int Exact() => _matrix.Search(NextQuery(), 10).Length;

    [Benchmark]
    public int ExactFiltered() => _matrix.Search(NextQuery(), 10, _quarter).Length;

    [Benchmark]
    public int Hnsw() => _index.Search(NextQuery(), 10).Length;

    [Benchmark]
    public int HnswFiltered() => _index.Search(NextQuery(), 10, _quarter).Length;

    private ReadOnlySpan<float> NextQuery()
    {
        _next = (_next + 1) % 64;
        return _queries.AsSpan(_next * Dims, Dims);
    }

    private static float[] Unit(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * Dims];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle() + random.NextSingle() + random.NextSingle() - 1.5f;
        }

        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * Dims, Dims);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return data;
    }
}
