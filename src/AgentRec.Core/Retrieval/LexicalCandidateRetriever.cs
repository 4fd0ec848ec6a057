using AgentRec.Core.Catalog;

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
        // A score per catalog item is ~160 KB for the default catalog: rented, so no request allocates on the large-object heap.
        var scores = ArrayPool<double>.Shared.Rent(catalog.Count);
        try
        {
            Array.Clear(scores, 0, catalog.Count);
            return ValueTask.FromResult<IReadOnlyList<ScoredCandidate>>(Retrieve(query, scores));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    private ScoredCandidate[] Retrieve(RetrievalQuery query, double[] scores)
    {
        var intent = query.Intent;
        var n = catalog.Count;
        var anchors = LexicalQuery.Anchors(catalog, intent);
        var matched = LexicalQuery.Score(index, catalog, query, anchors, scores);
        var max = n == 0 ? 0.0 : TensorPrimitives.Max(scores.AsSpan(0, n));

        // A text query that matched something keeps unmatched items out, unless too few matched items meet the
        // filters to answer the count asked for: topics are soft, so the answer is then filled by quality.
        var topical = matched > 0 && max > 0 && intent.SimilarTo.Count == 0 && intent.Keywords.Count > 0;
        var top = new TopK(query.Limit);
        List<int>? unmatched = topical ? [] : null;
        var matchedPassing = 0;
        var blocked = LexicalQuery.Blocked(catalog, anchors, query.ExcludedItemIds);
        var nextBlocked = 0;
        var filters = CatalogFilterIndex.Of(catalog);
        var filter = filters.For(intent, query.Only);
        for (var i = 0; i < n; i++)
        {
            while (nextBlocked < blocked.Length && blocked[nextBlocked] < i)
            {
                nextBlocked++;
            }

            if (!filter.Matches(i) || !filters.Admits(i, query.Floor) || (nextBlocked < blocked.Length && blocked[nextBlocked] == i))
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

        return top.DrainCandidates(catalog, scores, max);
    }
}
