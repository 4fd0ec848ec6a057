using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Fusion;
using AgentRec.Core.Retrieval.Stores;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Candidate retrieval that fuses, by weighted reciprocal rank (<see cref="RetrievalChannelFusion"/>), the BM25 ranking of
/// <see cref="LexicalCandidateRetriever"/>'s query terms, the vector ranking of the request text, and for "similar"
/// requests the vector ranking of the named titles' mean embedding; every ranking is taken only over items that pass <see cref="IntentFilter"/>, so no result
/// breaks a hard constraint. While the vector index is not ready it answers exactly as the lexical retriever.
/// </summary>
public sealed class HybridCandidateRetriever(
    ItemCatalog catalog,
    Bm25Index bm25,
    ItemPriors priors,
    LexicalCandidateRetriever lexical,
    Func<ItemVectorService.ReadyIndex?> vectors,
    IOptions<HybridRetrievalOptions> options,
    QueryEmbeddingCache? queryCache = null) : ICandidateRetriever
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ScoredCandidate>> RetrieveAsync(RetrievalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        if (vectors() is not { } ready)
        {
            return await lexical.RetrieveAsync(query, cancellationToken).ConfigureAwait(false);
        }

        // Three per-item arrays of the catalog's size would be ~400 KB of large-object allocations per request: rented.
        var n = catalog.Count;
        var allowed = ArrayPool<bool>.Shared.Rent(n);
        var fused = ArrayPool<double>.Shared.Rent(n);
        var lexicalScores = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Array.Clear(fused, 0, n);
            Array.Clear(lexicalScores, 0, n);
            return await RetrieveAsync(query, ready, allowed, fused, lexicalScores, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(allowed);
            ArrayPool<double>.Shared.Return(fused);
            ArrayPool<double>.Shared.Return(lexicalScores);
        }
    }

    private async ValueTask<IReadOnlyList<ScoredCandidate>> RetrieveAsync(
        RetrievalQuery query, ItemVectorService.ReadyIndex ready, bool[] allowed, double[] fused, double[] lexicalScores, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var intent = query.Intent;
        var anchors = LexicalQuery.Anchors(catalog, intent);

        var n = catalog.Count;
        var index = CatalogFilterIndex.Of(catalog);
        MarkAllowed(index, index.For(intent, query.Only), query.Floor, allowed.AsSpan(0, n));
        foreach (var i in LexicalQuery.Blocked(catalog, anchors, query.ExcludedItemIds))
        {
            allowed[i] = false;
        }

        bool Include(int i) => allowed[i];

        // With an external store the hard filters are pushed down and every hit re-checked against allowed[].
        var storeFilter = ready.Store is null ? null : ItemVectorFilter.FromIntent(intent);
        async ValueTask<int[]> VectorRanking(ReadOnlyMemory<float> vector) => ready.Store is { } store
            ? await VectorStoreRanking.RankAsync(store, catalog, vector, o.FusionDepth, storeFilter!, Include, anchors.Count + query.ExcludedItemIds.Count, cancellationToken).ConfigureAwait(false)
            : ready.Index.Search(vector.Span, o.FusionDepth, Include).Select(h => h.CatalogIndex).ToArray();

        // Lexical: the same query terms the lexical retriever scores.
        int[]? lexicalRanking = null;
        var distinct = ArraySegment<int>.Empty;
        if (LexicalQuery.Score(bm25, catalog, query, anchors, lexicalScores) > 0)
        {
            lexicalRanking = TopK.Best(lexicalScores.AsSpan(0, n), o.FusionDepth, Include);
            // Distinct matches are items the user's own words single out. With named titles the BM25 query is mostly the
            // anchors' genres and tags, and the items they single out are no likelier to be liked with the anchors than
            // the vector ranking's (on held-out co-liked pairs they lose a third of recall@10); the titles the user
            // typed are the anchors themselves, already resolved.
            if (anchors.Count == 0)
            {
                distinct = DistinctMatches(lexicalRanking, lexicalScores, o);
            }
        }

        // The request text: keywords always; the message's own words unless named titles are what it mostly says. Words
        // the parser already turned into filters, and request framing ("recommend some movies"), are left out: a
        // request that is only filters ("sci-fi movies") has no text to embed and ranks by quality, as it does lexically,
        // instead of by closeness to the items whose descriptions are little more than the genre's name.
        var words = intent.SimilarTo.Count == 0 ? LexicalQuery.EncoderWords(query.Message, intent) : [];
        words.AddRange(intent.Keywords);
        if (!ready.QueryEncoderReadsChinese)
        {
            // An English model reads Chinese characters as rare single-character pieces: a vector of noise that would
            // outvote BM25, which matches those words (an LLM parser's keywords can be Chinese).
            words.RemoveAll(TextTokens.HasCjk);
        }

        var text = string.Join(' ', words);
        int[]? textRanking = null;
        if (text.Length > 0)
        {
            var vector = queryCache is null
                ? (await ready.QueryEncoder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector
                : await queryCache.GetOrEmbedAsync(ready.QueryEncoder, text, cancellationToken).ConfigureAwait(false);
            textRanking = await VectorRanking(vector).ConfigureAwait(false);
        }

        int[]? anchorRanking = null;
        if (anchors.Count > 0)
        {
            var centroid = new float[ready.Index.Collection.Dimensions];
            foreach (var a in anchors)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(centroid, ready.Index.VectorOf(a), centroid);
            }

            EmbeddingMath.NormalizeInPlace(centroid);
            anchorRanking = await VectorRanking(centroid).ConfigureAwait(false);
        }

        // Topics of the user's own: keywords, and genre words wherever they are matched in the text.
        var hasTopics = intent.Keywords.Count > 0 || (LexicalQuery.GenresAreText(intent) && intent.Genres.Count > 0);
        RetrievalChannelFusion.Fuse(o.ChannelWeights(), anchors.Count > 0, hasTopics, lexicalRanking, distinct, textRanking, anchorRanking, fused.AsSpan(0, n));

        // As in the lexical retriever: a topical request keeps unranked items out; a filters-only one ranks by quality.
        return Top(allowed.AsSpan(0, n), fused, query.Limit, rankedOnly: intent.Keywords.Count > 0 || anchors.Count > 0);
    }

    // The per-item loops live in synchronous methods: inside the async method their locals would be fields of its
    // state machine, read through memory on every item instead of held in registers.
    private static void MarkAllowed(CatalogFilterIndex index, in CatalogFilterIndex.CompiledFilter filter, EvidenceFloor floor, Span<bool> allowed)
    {
        for (var i = 0; i < allowed.Length; i++)
        {
            allowed[i] = filter.Matches(i) && index.Admits(i, floor);
        }
    }

    /// <summary>The <paramref name="limit"/> allowed items of highest retrieval rank (relevance scaled by the best fused score, lifted by the priors), best first.</summary>
    private ScoredCandidate[] Top(ReadOnlySpan<bool> allowed, double[] fused, int limit, bool rankedOnly)
    {
        var n = allowed.Length;
        var max = n == 0 ? 0.0 : System.Numerics.Tensors.TensorPrimitives.Max(fused.AsSpan(0, n));
        var top = new TopK(limit);
        for (var i = 0; i < n; i++)
        {
            if (!allowed[i])
            {
                continue;
            }

            var relevance = max > 0 ? fused[i] / max : 0;
            if (max > 0 && relevance <= 0 && rankedOnly)
            {
                continue;
            }

            top.Offer(i, priors.RetrievalRank(i, relevance));
        }

        return top.DrainCandidates(catalog, fused, max);
    }

    /// <summary>
    /// The head of the BM25 ranking when the request's words single out a few items: every item within
    /// <see cref="HybridRetrievalOptions.DistinctMatchRatio"/> of the best score, if there are at most
    /// <see cref="HybridRetrievalOptions.DistinctMatchLimit"/> of them; empty for a broad match.
    /// </summary>
    internal static ArraySegment<int> DistinctMatches(int[] lexicalRanking, double[] lexicalScores, HybridRetrievalOptions options)
    {
        if (lexicalRanking.Length == 0 || options.DistinctMatchLimit == 0)
        {
            return ArraySegment<int>.Empty;
        }

        var floor = lexicalScores[lexicalRanking[0]] * options.DistinctMatchRatio;
        var count = 0;
        while (count < lexicalRanking.Length && lexicalScores[lexicalRanking[count]] >= floor)
        {
            if (++count > options.DistinctMatchLimit)
            {
                return ArraySegment<int>.Empty;
            }
        }

        return new ArraySegment<int>(lexicalRanking, 0, count);
    }
}
