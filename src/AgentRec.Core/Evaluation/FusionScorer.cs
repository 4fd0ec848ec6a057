using AgentRec.Core.Fusion;
using AgentRec.Core.Personalization;

namespace AgentRec.Core.Evaluation;

/// <summary>y = α·f_content + (1−α)·f_CF (<see cref="ContentCollaborativeBlend"/>), each side first scaled so its best unseen item scores 1.</summary>
public sealed class FusionScorer(ICollaborativeScorer collaborative, ICollaborativeScorer content, double alpha) : ICollaborativeScorer
{
    /// <inheritdoc />
    public string Name => "fusion";

    /// <inheritdoc />
    public int ItemCount => collaborative.ItemCount;

    /// <inheritdoc />
    public void Score(UserHistory history, Span<float> scores)
    {
        collaborative.Score(history, scores);
        if (alpha == 0)
        {
            return;
        }

        var side = new float[ItemCount];
        content.Score(history, side);
        ContentCollaborativeBlend.NormalizeAndMix(scores, side, history.Items.Span, (float)alpha);
    }
}
