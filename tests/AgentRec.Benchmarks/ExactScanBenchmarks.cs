using System.Numerics.Tensors;
using AgentRec.Core.Retrieval;
using BenchmarkDotNet.Attributes;

namespace AgentRec.Benchmarks;

/// <summary>
/// The exact scan over 20k rows 384 wide (bge-small / MiniLM item vectors): float rows only (baseline) against the
/// two-pass scan (8-bit first pass, floats for the rows its bounds keep), top-10 and top-200 (the hybrid retriever's
/// depth), on spread and on clustered vectors (clustered ones score close together, so the bounds keep more rows).
/// </summary>
[MemoryDiagnoser]
public class ExactScanBenchmarks
{
    private const int Rows = 19_742;
    private VectorMatrix _floats = null!;
    private VectorMatrix _twoPass = null!;
    private float[] _queries = null!;
    private int _next;

    [Params(384)]
    public int Dims { get; set; }

    [Params(10, 200)]
    public int K { get; set; }

    [Params(false, true)]
    public bool Clustered { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var vectors = Clustered ? Around(Rows, seed: 1) : Unit(Rows, Dims, seed: 1);
        _floats = new VectorMatrix(Dims, Rows) { QuantizedScan = false };
        _twoPass = new VectorMatrix(Dims, Rows);
        for (var i = 0; i < Rows; i++)
        {
            _floats.Add(vectors.AsSpan(i * Dims, Dims));
            _twoPass.Add(vectors.AsSpan(i * Dims, Dims));
        }

        _queries = Clustered ? Around(64, seed: 3) : Unit(64, Dims, seed: 3);
    }

    [Benchmark(Baseline = true)]
    public int Floats() => _floats.Search(NextQuery(), K).Length;

    [Benchmark]
    public int TwoPass() => _twoPass.Search(NextQuery(), K).Length;

    private ReadOnlySpan<float> NextQuery()
    {
        _next = (_next + 1) % 64;
        return _queries.AsSpan(_next * Dims, Dims);
    }

    private float[] Around(int count, int seed)
    {
        var centres = Unit(140, Dims, seed: 99);
        var noise = Unit(count, Dims, seed);
        var random = new Random(seed);
        var data = new float[count * Dims];
        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * Dims, Dims);
            TensorPrimitives.MultiplyAdd(noise.AsSpan(i * Dims, Dims), 0.6f, centres.AsSpan(random.Next(140) * Dims, Dims), row);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return data;
    }

    private static float[] Unit(int count, int dims, int seed)
    {
        var random = new Random(seed);
        var data = new float[count * dims];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle() + random.NextSingle() + random.NextSingle() - 1.5f;
        }

        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * dims, dims);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return data;
    }
}
