using System.Numerics.Tensors;
using AgentRec.Core.Llm;
using BenchmarkDotNet.Attributes;

namespace AgentRec.Benchmarks;

/// <summary>
/// Choosing a token from one step's logits, cache-hot: arg max (the baseline) against temperature and top-p sampling, on a flat
/// distribution (what the random-weight test models produce) and a peaked one (what a trained model produces).
/// </summary>
public class SamplerBenchmarks
{
    private float[] _logits = null!;
    private float[] _work = null!;
    private LogitsSampler _nucleus = null!;
    private LogitsSampler _temperature = null!;

    [Params(1_000, 32_000)]
    public int Vocabulary { get; set; }

    [Params("flat", "peaked")]
    public string Shape { get; set; } = "flat";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _logits = new float[Vocabulary];
        for (var i = 0; i < _logits.Length; i++)
        {
            // Flat: the ±0.3 spread of the tiny random models; peaked: a trained model's few strong candidates over a long tail.
            _logits[i] = Shape == "flat" ? (float)(random.NextDouble() - 0.5) * 0.6f : (float)(random.NextDouble() * 4) + (random.Next(500) == 0 ? 12 : 0);
        }

        _work = new float[Vocabulary];
        _nucleus = new LogitsSampler(Vocabulary, doSample: true, temperature: 0.8f, topK: 0, topP: 0.9f, seed: 7);
        _temperature = new LogitsSampler(Vocabulary, doSample: true, temperature: 0.8f, topK: 0, topP: 1f, seed: 7);
    }

    [Benchmark(Baseline = true)]
    public int IndexOfMax() => TensorPrimitives.IndexOfMax<float>(_logits);

    [Benchmark]
    public int TopP()
    {
        _logits.CopyTo(_work, 0);
        return _nucleus.Sample(_work);
    }

    [Benchmark]
    public int Temperature()
    {
        _logits.CopyTo(_work, 0);
        return _temperature.Sample(_work);
    }
}
