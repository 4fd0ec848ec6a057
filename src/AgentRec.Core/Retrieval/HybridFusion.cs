namespace AgentRec.Core.Retrieval;

/// <summary>
/// How the hybrid retriever weighs its rankings into one reciprocal-rank fusion, shared with <c>eval retrieval</c> so
/// that the offline figures are those of the service's fusion.
/// </summary>
internal static class HybridFusion
{
    /// <summary>
    /// The BM25 ranking's weight: a request anchored on named titles has its own, since the anchors' genres and tags
    /// predict the items liked with them far less well than a request's own words predict what it asks for. A named
    /// title with topics of the user's own ("like Heat, with a bank heist") keeps the request weight: those words are the
    /// user's, and BM25 is what finds them in the catalog's text.
    /// </summary>
    public static double LexicalWeight(HybridRetrievalOptions options, bool anchored, bool hasTopics = false) =>
        anchored && !hasTopics ? options.AnchorLexicalWeight : options.LexicalWeight;

    /// <summary>
    /// Adds every ranking the request has into <paramref name="fused"/>: BM25 and its distinct matches, the request
    /// text's vector ranking, the anchors' centroid vector ranking (null where the request has no such part).
    /// </summary>
    public static void Fuse(
        HybridRetrievalOptions options, bool anchored, bool hasTopics, int[]? lexical, ArraySegment<int> distinctMatches,
        int[]? textVector, int[]? anchorVector, Span<double> fused)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (lexical is not null)
        {
            RankFusion.Add(lexical, LexicalWeight(options, anchored, hasTopics), fused);
        }

        if (distinctMatches.Count > 0)
        {
            RankFusion.Add(distinctMatches, options.DistinctMatchWeight, fused);
        }

        if (textVector is not null)
        {
            RankFusion.Add(textVector, options.VectorWeight, fused);
        }

        if (anchorVector is not null)
        {
            RankFusion.Add(anchorVector, options.AnchorWeight, fused);
        }
    }
}
