using AgentRec.Core.Catalog;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Ranking;

public sealed class LexicalPairScorerTests
{
    private static readonly Lazy<(ItemCatalog Catalog, Bm25Index Index)> Shared = new(() =>
    {
        var catalog = new CatalogLoader(Options.Create(new CatalogOptions { IncludeBooks = true })).Load().Catalog;
        return (catalog, new Bm25Index(catalog));
    });

    [Theory]
    [InlineData("time travel movies with a twist")]
    [InlineData("a heist thriller, nothing romantic")]
    [InlineData("推荐几部关于太空的科幻电影")]
    [InlineData("dragons and magic schools")]
    [InlineData("the")]
    public void Scores_are_bm25_over_each_text_with_the_catalog_idf(string query)
    {
        var (catalog, index) = Shared.Value;
        var texts = catalog.Items.Where((_, i) => i % 97 == 0).Select(i => i.Description).Append(string.Empty).Append(query).ToArray();
        var scores = new LexicalPairScorer(index).Score(query, texts);
        Assert.Equal(Reference(index, query, texts), scores);
        Assert.Equal(query != "the", scores[^1] > 0);
    }

    [Fact]
    public void No_texts_or_no_query_terms_score_nothing()
    {
        var (_, index) = Shared.Value;
        var scorer = new LexicalPairScorer(index);
        Assert.Empty(scorer.Score("time travel", []));
        Assert.All(scorer.Score("the a an", ["the a an film"]), s => Assert.Equal(0, s));
    }

    /// <summary>BM25 (k1 1.2, b 0.75) written out with token lists and count dictionaries, the average length over the texts.</summary>
    private static double[] Reference(Bm25Index index, string query, string[] texts)
    {
        var terms = TextTokens.Tokenize(query, dropStopWords: true).Distinct(StringComparer.Ordinal).ToArray();
        var tokenized = texts.Select(t => TextTokens.Tokenize(t, dropStopWords: false)).ToArray();
        var average = Math.Max(1, tokenized.Average(t => t.Count));
        var scores = new double[texts.Length];
        for (var d = 0; d < texts.Length; d++)
        {
            var counts = tokenized[d].GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var term in terms)
            {
                if (counts.TryGetValue(term, out var tf))
                {
                    scores[d] += index.Idf(term) * (tf * (1.2 + 1) / (tf + (1.2 * (1 - 0.75 + (0.75 * tokenized[d].Count / average)))));
                }
            }
        }

        return scores;
    }
}
