using AgentRec.Core.Personalization;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The content side of the personalizer, over a ranking data set: a genre/tag profile of the user's history with each
/// interaction weighted by exp(−Δt/τ) (Δt measured from the history's latest interaction), normalised by its largest
/// weight; an item scores its genre affinities over √(genre count) plus half its tag affinities, as
/// <see cref="ProfilePersonalizer"/> does for live requests.
/// </summary>
public sealed class RankingContentProfile
{
    private const double SecondsPerDay = 86_400;
    private const float TagWeight = 0.5f;

    // Item i's genres are _features[_offsets[i].._tagStart[i]], its tags _features[_tagStart[i].._offsets[i + 1]].
    private readonly int[] _offsets;
    private readonly int[] _tagStart;
    private readonly int[] _features;
    private readonly float[] _genreNorm;
    private readonly int _featureCount;

    private RankingContentProfile(int[] offsets, int[] tagStart, int[] features, float[] genreNorm, int featureCount)
    {
        _offsets = offsets;
        _tagStart = tagStart;
        _features = features;
        _genreNorm = genreNorm;
        _featureCount = featureCount;
    }

    /// <summary>Number of items described.</summary>
    public int ItemCount => _genreNorm.Length;

    /// <summary>Describes every item of <paramref name="itemIds"/> by its genres (weight 1) and tags (weight ½); unknown ids get no features.</summary>
    public static RankingContentProfile Build(IReadOnlyList<string> itemIds, IReadOnlyList<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentNullException.ThrowIfNull(items);
        var byId = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byId.TryAdd(item.Id, item);
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var offsets = new int[itemIds.Count + 1];
        var tagStart = new int[itemIds.Count];
        var features = new List<int>();
        var genreNorm = new float[itemIds.Count];
        for (var i = 0; i < itemIds.Count; i++)
        {
            if (byId.TryGetValue(itemIds[i], out var item))
            {
                foreach (var g in item.Genres)
                {
                    features.Add(FeatureOf(vocabulary, g));
                }

                tagStart[i] = features.Count;
                foreach (var t in item.Tags)
                {
                    features.Add(FeatureOf(vocabulary, "#" + t));
                }

                genreNorm[i] = item.Genres.Count > 0 ? 1f / MathF.Sqrt(item.Genres.Count) : 1f;
            }
            else
            {
                tagStart[i] = features.Count;
            }

            offsets[i + 1] = features.Count;
        }

        return new RankingContentProfile(offsets, tagStart, [.. features], genreNorm, vocabulary.Count);
    }

    /// <summary>A scorer with decay <paramref name="tauDays"/> (∞ weighs every interaction the same).</summary>
    public ICollaborativeScorer WithDecay(double tauDays) => new Scorer(this, tauDays);

    private static int FeatureOf(Dictionary<string, int> vocabulary, string name)
    {
        if (!vocabulary.TryGetValue(name, out var f))
        {
            vocabulary[name] = f = vocabulary.Count;
        }

        return f;
    }

    private void Score(UserHistory history, double tauDays, Span<float> scores)
    {
        var profile = ArrayPool<float>.Shared.Rent(Math.Max(1, _featureCount));
        try
        {
            var p = profile.AsSpan(0, _featureCount);
            p.Clear();
            var items = history.Items.Span;
            var times = history.Timestamps.Span;
            var latest = items.Length > 0 ? times[^1] : 0;
            for (var t = 0; t < items.Length; t++)
            {
                var age = Math.Max(0, latest - times[t]) / SecondsPerDay;
                var w = double.IsPositiveInfinity(tauDays) ? 1f : (float)Math.Exp(-age / tauDays);
                var item = items[t];
                for (var k = _offsets[item]; k < _tagStart[item]; k++)
                {
                    p[_features[k]] += w;
                }

                for (var k = _tagStart[item]; k < _offsets[item + 1]; k++)
                {
                    p[_features[k]] += w * TagWeight;
                }
            }

            var max = 0f;
            foreach (var v in p)
            {
                max = Math.Max(max, Math.Abs(v));
            }

            var scale = max > 0 ? 1f / max : 0f;
            for (var i = 0; i < ItemCount; i++)
            {
                float genres = 0, tags = 0;
                for (var k = _offsets[i]; k < _tagStart[i]; k++)
                {
                    genres += p[_features[k]];
                }

                for (var k = _tagStart[i]; k < _offsets[i + 1]; k++)
                {
                    tags += p[_features[k]];
                }

                scores[i] = scale * ((genres * _genreNorm[i]) + tags);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(profile);
        }
    }

    private sealed class Scorer(RankingContentProfile profile, double tauDays) : ICollaborativeScorer
    {
        public string Name => "contentProfile";

        public int ItemCount => profile.ItemCount;

        public void Score(UserHistory history, Span<float> scores) => profile.Score(history, tauDays, scores);
    }
}
