namespace AgentRec.Core.Personalization;

/// <summary>
/// User–user collaborative filtering: the query history's nearest training users by shrunk cosine over the sets of
/// items they touched, and each item scored by the summed similarity of the neighbours who have it. Order is ignored.
/// </summary>
public sealed class UserKnnScorer : ICollaborativeScorer
{
    private readonly InteractionData _data;
    private readonly int _neighbours;
    private readonly float _shrink;

    private UserKnnScorer(InteractionData data, int neighbours, float shrink)
    {
        _data = data;
        _neighbours = neighbours;
        _shrink = shrink;
    }

    /// <inheritdoc />
    public string Name => "userKnn";

    /// <inheritdoc />
    public int ItemCount => _data.ItemCount;

    /// <summary>
    /// Uses the histories of <paramref name="data"/> as the neighbour pool; <paramref name="neighbours"/> nearest users
    /// vote, with similarity |A∩B| / (√|A|·√|B| + <paramref name="shrink"/>) so that tiny overlaps count for less.
    /// </summary>
    public static UserKnnScorer Fit(InteractionData data, int neighbours = 50, float shrink = 10f)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shrink);
        return new UserKnnScorer(data, neighbours, shrink);
    }

    /// <inheritdoc />
    public void Score(UserHistory history, Span<float> scores)
    {
        var n = _data.ItemCount;
        scores[..n].Clear();
        var distinct = Distinct(history.Items.Span, n);
        if (distinct.Length == 0)
        {
            return;
        }

        var users = _data.UserCount;
        var overlap = ArrayPool<int>.Shared.Rent(users);
        var candidates = ArrayPool<int>.Shared.Rent(users);
        var similarity = ArrayPool<float>.Shared.Rent(users);
        try
        {
            overlap.AsSpan(0, users).Clear();
            var found = 0;
            foreach (var item in distinct)
            {
                foreach (var v in _data.UsersOf(item))
                {
                    if (overlap[v]++ == 0)
                    {
                        candidates[found++] = v;
                    }
                }
            }

            var norm = MathF.Sqrt(distinct.Length);
            for (var c = 0; c < found; c++)
            {
                var v = candidates[c];
                var size = _data.DistinctItemsOf(v).Length;

                // The query's own training row (same set of items) is not a neighbour: it only votes for what is already known.
                similarity[c] = overlap[v] == distinct.Length && size == distinct.Length
                    ? 0f
                    : overlap[v] / ((norm * MathF.Sqrt(size)) + _shrink);
            }

            var keep = Math.Min(_neighbours, found);
            Array.Sort(similarity, candidates, 0, found, DescendingComparer.Instance);
            for (var c = 0; c < keep && similarity[c] > 0f; c++)
            {
                var weight = similarity[c];
                foreach (var item in _data.DistinctItemsOf(candidates[c]))
                {
                    scores[item] += weight;
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(overlap);
            ArrayPool<int>.Shared.Return(candidates);
            ArrayPool<float>.Shared.Return(similarity);
        }
    }

    private static int[] Distinct(ReadOnlySpan<int> items, int itemCount)
    {
        var set = new HashSet<int>(items.Length);
        foreach (var item in items)
        {
            if ((uint)item < (uint)itemCount)
            {
                set.Add(item);
            }
        }

        return [.. set];
    }

    private sealed class DescendingComparer : IComparer<float>
    {
        public static readonly DescendingComparer Instance = new();

        public int Compare(float x, float y) => y.CompareTo(x);
    }
}
