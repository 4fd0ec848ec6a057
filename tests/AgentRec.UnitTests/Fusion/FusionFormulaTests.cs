using System.Numerics.Tensors;
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

    [Fact]
    public void The_dot_product_of_two_fused_vectors_is_the_weighted_sum_of_the_two_encoders_cosines()
    {
        float[] ownA = [3, 4], ownB = [4, 3];
        float[] otherA = [1, 0, 0], otherB = [0.6f, 0.8f, 0];
        const double w = 0.3;

        var a = EncoderSimilarityFusion.Concatenate(ownA, otherA, w);
        var b = EncoderSimilarityFusion.Concatenate(ownB, otherB, w);

        // cos(ownA, ownB) = 24/25, cos(otherA, otherB) = 0.6.
        Assert.Equal((0.7 * 24 / 25) + (0.3 * 0.6), TensorPrimitives.Dot(a, b), 5);
    }

    [Fact]
    public void A_fused_vector_of_two_nonzero_sides_has_unit_length()
    {
        var fused = EncoderSimilarityFusion.Concatenate([2, 0], [0, 0, 5], 0.25);

        Assert.Equal(1f, TensorPrimitives.Norm(fused), 5);
        Assert.Equal(5, fused.Length);
    }

    [Fact]
    public void Weight_zero_keeps_only_the_first_encoder()
    {
        var fused = EncoderSimilarityFusion.Concatenate([0, 2], [1, 1], 0);

        Assert.Equal([0f, 1f, 0f, 0f], fused);
    }

    [Fact]
    public void A_weight_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EncoderSimilarityFusion.Concatenate([1], [1], 1.5));
    }
}
