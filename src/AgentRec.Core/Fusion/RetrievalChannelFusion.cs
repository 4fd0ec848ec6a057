namespace AgentRec.Core.Fusion;

/// <summary>The reciprocal-rank weight of each ranking (channel) the hybrid retriever fuses.</summary>
/// <param name="Lexical">BM25 for a request without named titles, or with topics of the user's own.</param>
/// <param name="AnchorLexical">BM25 for a request anchored on named titles alone.</param>
/// <param name="DistinctMatch">The few items the request's own words single out.</param>
/// <param name="Vector">The request text's vector ranking.</param>
/// <param name="Anchor">The named titles' centroid vector ranking.</param>
public readonly record struct RetrievalChannelWeights(double Lexical, double AnchorLexical, double DistinctMatch, double Vector, double Anchor);

/// <summary>
/// Weighted reciprocal-rank fusion of the retrieval channels (BM25, its distinct matches, the request text's and the
/// anchors' vector rankings) into one score per item: the service's retriever and <c>eval retrieval</c> both fuse here,
/// so the offline figures are those of the service.
/// </summary>
public static class RetrievalChannelFusion
{
    /// <summary>
    /// The BM25 ranking's weight: a request anchored on named titles has its own, since the anchors' genres and tags
    /// predict the items liked with them far less well than a request's own words predict what it asks for. A named
    /// title with topics of the user's own ("like Heat, with a bank heist") keeps the request weight: those words are the
    /// user's, and BM25 is what finds them in the catalog's text.
    /// </summary>
    public static double LexicalWeight(RetrievalChannelWeights weights, bool anchored, bool hasTopics = false) =>
        anchored && !hasTopics ? weights.AnchorLexical : weights.Lexical;

    /// <summary>
    /// Adds every ranking the request has into <paramref name="fused"/>: BM25 and its distinct matches, the request
    /// text's vector ranking, the anchors' centroid vector ranking (null where the request has no such part).
    /// </summary>
    public static void Fuse(
        RetrievalChannelWeights weights, bool anchored, bool hasTopics, int[]? lexical, ArraySegment<int> distinctMatches,
        int[]? textVector, int[]? anchorVector, Span<double> fused)
    {
        if (lexical is not null)
        {
            ReciprocalRankFusion.Add(lexical, LexicalWeight(weights, anchored, hasTopics), fused);
        }

        if (distinctMatches.Count > 0)
        {
            ReciprocalRankFusion.Add(distinctMatches, weights.DistinctMatch, fused);
        }

        if (textVector is not null)
        {
            ReciprocalRankFusion.Add(textVector, weights.Vector, fused);
        }

        if (anchorVector is not null)
        {
            ReciprocalRankFusion.Add(anchorVector, weights.Anchor, fused);
        }
    }
}
