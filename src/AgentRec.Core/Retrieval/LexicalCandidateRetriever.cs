using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using AgentRec.Core.Ranking;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Candidate retrieval over the in-process catalog: every hard constraint of the intent, BM25 over item
/// descriptions for the request's topics and words, and the named titles' genres and tags as anchors.
/// </summary>
public sealed class LexicalCandidateRetriever(ItemCatalog catalog, Bm25Index index, ItemPriors priors) : ICandidateRetriever
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ScoredCandidate>> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var intent = query.Intent;
        var scores = new double[catalog.Count];

        var anchors = LexicalQuery.Anchors(catalog, intent);
        var matched = LexicalQuery.Score(index, catalog, query, anchors, scores);

        var max = 0.0;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        // A text query that matched something keeps unmatched items out, unless too few matched items meet the
        // filters to answer the count asked for: topics are soft, so the answer is then filled by quality.
        var topical = matched > 0 && max > 0 && intent.SimilarTo.Count == 0 && intent.Keywords.Count > 0;
        var top = new TopK(query.Limit);
        List<int>? unmatched = topical ? [] : null;
        var matchedPassing = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var item = catalog.Items[i];
            if (anchors.Contains(i) || query.ExcludedItemIds.Contains(item.Id) || !IntentFilter.Matches(item, intent))
            {
                continue;
            }

            var relevance = max > 0 ? scores[i] / max : 0;
            if (topical && relevance <= 0)
            {
                unmatched!.Add(i);
                continue;
            }

            matchedPassing++;
            top.Offer(i, priors.RetrievalRank(i, relevance));
        }

        if (unmatched is not null && matchedPassing < intent.Count)
        {
            foreach (var i in unmatched)
            {
                top.Offer(i, priors.RetrievalRank(i, 0));
            }
        }

        var result = top.DrainCandidates(catalog, scores, max);

        return ValueTask.FromResult<IReadOnlyList<ScoredCandidate>>(result);
    }
}
