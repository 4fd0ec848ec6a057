using AgentRec.Core.Fusion;

namespace AgentRec.Core.Personalization;

/// <summary>Baseline: the sum of cosine item-item similarities to every item of the history, order ignored.</summary>
public sealed class ItemKnnScorer : ICollaborativeScorer
{
    private readonly float[] _similarity;
    private readonly int _n;

    private ItemKnnScorer(float[] similarity, int n)
    {
        _similarity = similarity;
        _n = n;
    }

    /// <inheritdoc />
    public string Name => "itemKnn";

    /// <inheritdoc />
    public int ItemCount => _n;

    /// <summary>Fits the cosine similarity of every item pair from co-occurrence in the training histories.</summary>
    public static ItemKnnScorer Fit(InteractionData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ItemKnnScorer(ItemSimilarity.Cosine(ItemSimilarity.Gram(data), data.ItemCount), data.ItemCount);
    }

    internal static ItemKnnScorer FromCosine(float[] cosine, int n) => new(cosine, n);

    /// <summary>Cosine similarity of two items (0 on the diagonal).</summary>
    public float Similarity(int a, int b) => _similarity[(long)a * _n + b];

    /// <inheritdoc />
    public void Score(UserHistory history, Span<float> scores)
    {
        scores[.._n].Clear();
        var items = history.Items.Span;
        Span<float> ones = items.Length <= 1024 ? stackalloc float[items.Length] : new float[items.Length];
        ones.Fill(1f);
        SimilarityRowFusion.AddRows(_similarity, _n, items, ones, scores);
    }
}
