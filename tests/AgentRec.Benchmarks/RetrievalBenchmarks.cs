using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace AgentRec.Benchmarks;

/// <summary>Lexical candidate retrieval over the movies and books catalog: a filters-only request (baseline), a topic query, and a request anchored on a title.</summary>
[MemoryDiagnoser]
public class RetrievalBenchmarks
{
    private LexicalCandidateRetriever _retriever = null!;
    private RetrievalQuery _filters = null!;
    private RetrievalQuery _topics = null!;
    private RetrievalQuery _anchored = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = true })).Load().Catalog;
        _retriever = new LexicalCandidateRetriever(catalog, new Bm25Index(catalog), new ItemPriors(catalog));
        var parser = new RuleIntentParser(new TitleResolver(catalog));
        _filters = Query(parser, "three comedies from the 90s");
        _topics = Query(parser, "recent sci-fi movies about time travel");
        _anchored = Query(parser, "movies like Heat");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> FiltersOnly() => (await _retriever.RetrieveAsync(_filters, CancellationToken.None)).Count;

    [Benchmark]
    public async Task<int> TopicQuery() => (await _retriever.RetrieveAsync(_topics, CancellationToken.None)).Count;

    [Benchmark]
    public async Task<int> AnchoredOnTitle() => (await _retriever.RetrieveAsync(_anchored, CancellationToken.None)).Count;

    private static RetrievalQuery Query(RuleIntentParser parser, string message)
    {
        var intent = parser.Parse(message);
        return new RetrievalQuery(intent, message, new HashSet<string>(StringComparer.Ordinal), Math.Max(100, intent.Count * 10));
    }
}
