using AgentRec.Core.Fusion;

namespace AgentRec.UnitTests.Fusion;

public sealed class FusionFormulaTests
{
    [Fact]
    public void Reciprocal_rank_fusion_adds_weight_over_k_plus_the_one_based_rank()
    {
        var fused = new double[3];

        ReciprocalRankFusion.Add([2, 0], weight: 2, fused, k: 1);

        Assert.Equal([2.0 / 3, 0, 1], fused);
    }

    [Fact]
    public void An_anchored_request_without_topics_of_its_own_weighs_bm25_at_the_anchor_lexical_weight()
    {
        var weights = new RetrievalChannelWeights(Lexical: 0.25, AnchorLexical: 0, DistinctMatch: 2, Vector: 1, Anchor: 1.5);
        var fused = new double[2];

        RetrievalChannelFusion.Fuse(weights, anchored: true, hasTopics: false, lexical: [0], ArraySegment<int>.Empty, textVector: null, anchorVector: [1], fused);

        Assert.Equal([0, 1.5 / 61], fused);
    }

    [Fact]
    public void The_blend_takes_alpha_of_the_content_side_and_the_rest_of_collaborative_filtering()
    {
        Assert.Equal(0.25 * 0.8 + 0.75 * 0.4, ContentCollaborativeBlend.Score(content: 0.8, collaborative: 0.4, alpha: 0.25), 12);
    }

    [Fact]
    public void Normalizing_scales_the_best_unseen_item_to_one_and_leaves_the_seen_ones_in_place()
    {
        float[] scores = [8, 2, 4];

        UnseenScoreNormalization.Normalize(scores, [0]);

        Assert.Equal([2f, 0.5f, 1f], scores);
    }
}
