using AgentRec.Core.Catalog;
using AgentRec.Core.Fusion;

namespace AgentRec.Core.Personalization;

/// <summary>Settings of <see cref="CollaborativePersonalizer"/>.</summary>
public sealed record CollaborativePersonalizerOptions
{
    /// <summary>Hyper-parameters of the collaborative model; null for the validated defaults.</summary>
    public SequentialEaseOptions? Model { get; init; }

    /// <summary>How far a dislike pushes an item down per unit of cosine similarity to the disliked item.</summary>
    public float DislikePenalty { get; init; } = 0.5f;

    /// <summary>How far a skip pushes an item down per unit of cosine similarity to the skipped item.</summary>
    public float SkipPenalty { get; init; } = 0.1f;

    /// <summary>
    /// Items with fewer ratings stay outside the model (score 0). The item–item solve is cubic in the item count,
    /// and items this rare carry too little signal to fit: on ml-latest-small 5 keeps about 3,600 of 9,700 items.
    /// </summary>
    public int MinItemSupport { get; init; } = 5;
}

/// <summary>
/// The online face of the collaborative model: scores candidate items for a user from their stored history plus
/// whatever they did in the session. Feedback applies on the next call without retraining: a like or watch joins the
/// history, a dislike removes the item and pushes similar items down. Thread-safe after construction.
/// </summary>
public sealed class CollaborativePersonalizer
{
    /// <summary>Score of candidates the user already has or disliked.</summary>
    public const float SeenScore = -1f;

    private readonly Dictionary<string, int> _itemIndex;
    private readonly Dictionary<string, UserInteraction[]> _histories;
    private readonly SequentialEaseScorer _scorer;
    private readonly ItemKnnScorer _similarity;
    private readonly PopularityScorer _popularity;
    private readonly CollaborativePersonalizerOptions _options;
    private string[]? _itemIds;

    /// <summary>Fits the scorers on <paramref name="data"/>, the histories with items numbered by <paramref name="itemIndex"/>.</summary>
    private CollaborativePersonalizer(
        Dictionary<string, int> itemIndex,
        Dictionary<string, UserInteraction[]> histories,
        InteractionData data,
        CollaborativePersonalizerOptions options)
    {
        var gram = ItemSimilarity.Gram(data);
        var cosine = ItemSimilarity.Cosine(gram, data.ItemCount);
        _itemIndex = itemIndex;
        _histories = histories;
        _scorer = SequentialEaseScorer.Fit(data, gram, cosine, options.Model);
        _similarity = ItemKnnScorer.FromCosine(cosine, data.ItemCount);
        _popularity = PopularityScorer.Fit(data);
        _options = options;
    }

    /// <summary>Number of items the model knows.</summary>
    public int ItemCount => _itemIndex.Count;

    /// <summary>The fitted model's hyper-parameters.</summary>
    public SequentialEaseOptions ModelOptions => _scorer.Options;

    /// <summary>Fits the model on every rating (each user's ratings in time order); items without ratings stay unknown.</summary>
    public static CollaborativePersonalizer Train(IReadOnlyList<RatingEvent> ratings, CollaborativePersonalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options ??= new CollaborativePersonalizerOptions();
        var support = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in ratings)
        {
            support[r.ItemId] = support.GetValueOrDefault(r.ItemId) + 1;
        }

        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var byUser = new Dictionary<string, List<UserInteraction>>(StringComparer.Ordinal);
        foreach (var r in ratings)
        {
            if (support[r.ItemId] < options.MinItemSupport)
            {
                continue;
            }

            itemIndex.TryAdd(r.ItemId, itemIndex.Count);
            if (!byUser.TryGetValue(r.UserId, out var list))
            {
                byUser[r.UserId] = list = [];
            }

            list.Add(new UserInteraction(r.ItemId, r.Timestamp, InteractionSignal.Rated));
        }

        var histories = new Dictionary<string, UserInteraction[]>(byUser.Count, StringComparer.Ordinal);
        var training = new List<UserHistory>(byUser.Count);
        foreach (var (user, list) in byUser)
        {
            // List order is source order, so a stable sort by time keeps ties as the source lists them.
            var sorted = list.Select((x, i) => (x, i)).OrderBy(p => p.x.Timestamp).ThenBy(p => p.i).Select(p => p.x).ToArray();
            histories[user] = sorted;
            var items = new int[sorted.Length];
            var times = new long[sorted.Length];
            for (var t = 0; t < sorted.Length; t++)
            {
                items[t] = itemIndex[sorted[t].ItemId];
                times[t] = sorted[t].Timestamp;
            }

            training.Add(new UserHistory(items, times));
        }

        return new CollaborativePersonalizer(itemIndex, histories, new InteractionData(itemIndex.Count, training), options);
    }

    /// <summary>True when the model has interactions for <paramref name="itemId"/>.</summary>
    public bool Contains(string itemId) => _itemIndex.ContainsKey(itemId);

    /// <summary>The interactions of <paramref name="userId"/> the model was trained on, oldest first (empty when unknown).</summary>
    public IReadOnlyList<UserInteraction> TrainingHistory(string userId) =>
        _histories.TryGetValue(userId, out var h) ? h : [];

    /// <summary>
    /// Scores <paramref name="candidateItemIds"/> for a user: their training history (when <paramref name="userId"/> is
    /// known) merged in time order with <paramref name="sessionInteractions"/>. The best unseen item scores about 1;
    /// items the user has or disliked score <see cref="SeenScore"/>; items the model does not know score 0.
    /// </summary>
    public void ScoreCandidates(
        string? userId, IReadOnlyList<UserInteraction> sessionInteractions, IReadOnlyList<string> candidateItemIds, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(sessionInteractions);
        ArgumentNullException.ThrowIfNull(candidateItemIds);
        if (scores.Length < candidateItemIds.Count)
        {
            throw new ArgumentException("The score buffer is shorter than the candidate list.", nameof(scores));
        }

        if (_itemIndex.Count == 0)
        {
            scores[..candidateItemIds.Count].Clear();
            return;
        }

        var stored = userId is null ? [] : TrainingHistory(userId);
        var state = Replay(stored, sessionInteractions);
        var n = _itemIndex.Count;
        var all = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var itemScores = all.AsSpan(0, n);
            var history = state.History;
            if (history.Count > 0)
            {
                _scorer.Score(history, itemScores);
            }
            else
            {
                _popularity.Score(history, itemScores);
            }

            UnseenScoreNormalization.Normalize(itemScores, history.Items.Span);
            foreach (var (item, penalty) in state.Negatives)
            {
                for (var j = 0; j < n; j++)
                {
                    itemScores[j] -= penalty * _similarity.Similarity(item, j);
                }
            }

            for (var c = 0; c < candidateItemIds.Count; c++)
            {
                if (!_itemIndex.TryGetValue(candidateItemIds[c], out var item))
                {
                    scores[c] = 0f;
                }
                else if (state.Excluded.Contains(item))
                {
                    scores[c] = SeenScore;
                }
                else
                {
                    scores[c] = Math.Clamp(itemScores[item], SeenScore, 1f);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(all);
        }
    }

    /// <summary>
    /// For each of <paramref name="candidateItemIds"/>, the item of the user's positive history (the training history
    /// merged with <paramref name="sessionInteractions"/>, latest <paramref name="recent"/> only) most often watched by the
    /// same people, by cosine co-occurrence; null where none reaches <paramref name="minSimilarity"/>. This is the fact
    /// behind "people who watched X also watched it".
    /// </summary>
    public string?[] StrongestLinks(
        string? userId, IReadOnlyList<UserInteraction> sessionInteractions, IReadOnlyList<string> candidateItemIds, int recent = 50, float minSimilarity = 0.15f)
    {
        ArgumentNullException.ThrowIfNull(sessionInteractions);
        ArgumentNullException.ThrowIfNull(candidateItemIds);
        var links = new string?[candidateItemIds.Count];
        var history = Replay(userId is null ? [] : TrainingHistory(userId), sessionInteractions).History.Items.Span;
        if (history.IsEmpty)
        {
            return links;
        }

        var latest = history[Math.Max(0, history.Length - recent)..];
        _itemIds ??= BuildItemIds(_itemIndex);
        for (var c = 0; c < links.Length; c++)
        {
            if (!_itemIndex.TryGetValue(candidateItemIds[c], out var item))
            {
                continue;
            }

            var best = -1;
            var bestSimilarity = minSimilarity;
            foreach (var h in latest)
            {
                var similarity = _similarity.Similarity(h, item);
                if (h != item && similarity >= bestSimilarity)
                {
                    best = h;
                    bestSimilarity = similarity;
                }
            }

            links[c] = best >= 0 ? _itemIds[best] : null;
        }

        return links;
    }

    private static string[] BuildItemIds(Dictionary<string, int> index)
    {
        var ids = new string[index.Count];
        foreach (var (id, i) in index)
        {
            ids[i] = id;
        }

        return ids;
    }

    private sealed record ReplayState(UserHistory History, List<(int Item, float Penalty)> Negatives, HashSet<int> Excluded);

    // Applies every interaction in time order, the latest signal on an item winning.
    private ReplayState Replay(IReadOnlyList<UserInteraction> stored, IReadOnlyList<UserInteraction> session)
    {
        var events = new List<(UserInteraction Interaction, int Order)>(stored.Count + session.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            events.Add((stored[i], i));
        }

        for (var i = 0; i < session.Count; i++)
        {
            events.Add((session[i], stored.Count + i));
        }

        events.Sort((a, b) =>
        {
            var byTime = a.Interaction.Timestamp.CompareTo(b.Interaction.Timestamp);
            return byTime != 0 ? byTime : a.Order.CompareTo(b.Order);
        });

        // Positives in time order; a repeated or disliked item leaves a tombstone (Item = −1) where it was.
        var positives = new List<(int Item, long Timestamp)>(events.Count);
        var positionOf = new Dictionary<int, int>();
        var negatives = new Dictionary<int, float>();
        var excluded = new HashSet<int>();
        foreach (var (interaction, _) in events)
        {
            if (!_itemIndex.TryGetValue(interaction.ItemId, out var item))
            {
                continue;
            }

            if (interaction.Signal == InteractionSignal.Skip)
            {
                negatives.TryAdd(item, _options.SkipPenalty);
                continue;
            }

            if (positionOf.Remove(item, out var old))
            {
                positives[old] = (-1, 0);
            }

            if (interaction.Signal == InteractionSignal.Dislike)
            {
                negatives[item] = _options.DislikePenalty;
            }
            else
            {
                positionOf[item] = positives.Count;
                positives.Add((item, interaction.Timestamp));
                negatives.Remove(item);
            }

            excluded.Add(item);
        }

        var items = new List<int>(positionOf.Count);
        var times = new List<long>(positionOf.Count);
        foreach (var (item, timestamp) in positives)
        {
            if (item >= 0)
            {
                items.Add(item);
                times.Add(timestamp);
            }
        }

        var penalties = new List<(int Item, float Penalty)>(negatives.Count);
        foreach (var (item, penalty) in negatives)
        {
            penalties.Add((item, penalty));
        }

        return new ReplayState(new UserHistory(items.ToArray(), times.ToArray()), penalties, excluded);
    }
}
