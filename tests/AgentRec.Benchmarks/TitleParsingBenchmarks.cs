using AgentRec.Core.Catalog;
using BenchmarkDotNet.Attributes;

namespace AgentRec.Benchmarks;

/// <summary>Title parsing and folding run once per catalog row and per fuzzy title lookup.</summary>
[MemoryDiagnoser]
public class TitleParsingBenchmarks
{
    private readonly string[] _titles =
    [
        "Matrix, The (1999)",
        "City of Lost Children, The (Cité des enfants perdus, La) (1995)",
        "Seven (a.k.a. Se7en) (1995)",
        "Babylon 5",
        "Big Bang Theory, The (2007-)",
    ];

    [Benchmark(Baseline = true)]
    public int Parse()
    {
        var n = 0;
        foreach (var t in _titles)
        {
            n += TitleParser.Parse(t).DisplayTitle.Length;
        }

        return n;
    }

    [Benchmark]
    public int Fold()
    {
        var n = 0;
        foreach (var t in _titles)
        {
            n += TitleParser.Fold(t).Length;
        }

        return n;
    }
}
