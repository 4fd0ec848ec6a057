using System.Numerics.Tensors;
using AgentRec.Core.Llm;
using BenchmarkDotNet.Attributes;

namespace AgentRec.Benchmarks;

/// <summary>
/// The greedy step's arg max over one step's float16 logits, cache-hot: converting to float and IndexOfMax (the baseline),
/// the order-preserving key pass in <see cref="System.Numerics.Vector{T}"/> lanes, and the two-accumulator 512-bit pass.
/// </summary>
public class ArgMaxBenchmarks
{
    private short[] _bits = null!;
    private float[] _floats = null!;

    [Params(1_000, 32_000, 151_936)]
    public int Vocabulary { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _bits = new short[Vocabulary];
        _floats = new float[Vocabulary];
        for (var i = 0; i < _bits.Length; i++)
        {
            _bits[i] = (short)BitConverter.HalfToUInt16Bits((Half)((random.NextDouble() - 0.5) * 8));
        }
    }

    [Benchmark(Baseline = true)]
    public int ConvertThenIndexOfMax()
    {
        TensorPrimitives.ConvertToSingle(System.Runtime.InteropServices.MemoryMarshal.Cast<short, Half>(_bits), _floats);
        return TensorPrimitives.IndexOfMax<float>(_floats);
    }

    [Benchmark]
    public int KeysInVectorLanes() => DecoderRunner.ArgMaxOfHalves(_bits, allowVector512: false);

    [Benchmark]
    public int KeysIn512BitLanes() => DecoderRunner.ArgMaxOfHalves(_bits, allowVector512: true);
}
