using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace AgentRec.Benchmarks;

/// <summary>Per-request intent work: an exact title lookup (baseline), a fuzzy one with typos, and a whole rule parse.</summary>
[MemoryDiagnoser]
public class IntentBenchmarks
{
    private TitleResolver _titles = null!;
    private RuleIntentParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions())).Load().Catalog;
        _titles = new TitleResolver(catalog);
        _parser = new RuleIntentParser(_titles);
    }

    [Benchmark(Baseline = true)]
    public TitleMatch? ExactTitle() => _titles.Resolve("the shawshank redemption");

    [Benchmark]
    public TitleMatch? FuzzyTitle() => _titles.Resolve("the shawshenk redemptoin");

    [Benchmark]
    public TitleMatch? NoMatch() => _titles.Resolve("qwertyuiop asdf");

    [Benchmark]
    public RecommendationIntent ParseRequest() =>
        _parser.Parse("recommend a few highly rated sci-fi films from the 90s like blade runer, nothing like horror");
}
