using AgentRec.Core.Catalog;

namespace AgentRec.Core.Training;

/// <summary>
/// The positive pairs of contrastive encoder training, mined from the catalog and the ratings: a request-like text
/// sampled for each item (<see cref="RequestTexts.Sample"/>) paired with that item, and two items liked by the same
/// user. A pair's endpoint is a catalog index (≥ 0) or a request (negative; <see cref="QueryIndex"/> gives its slot).
/// </summary>
internal static class TrainingPairs
{
    /// <summary>The mined requests and pairs, shuffled, with how many of each kind.</summary>
    public sealed record Mined(string[] Queries, (int A, int B)[] Pairs, int QueryPairs, int CoLikedPairs);

    /// <summary>The slot in <see cref="Mined.Queries"/> of a negative endpoint.</summary>
    public static int QueryIndex(int endpoint) => -endpoint - 1;

    /// <summary>Catalog indices each user rated at least <paramref name="threshold"/>, users in id order, those with two or more likes.</summary>
    public static List<int[]> LikesByUser(ItemCatalog catalog, IReadOnlyList<RatingEvent> ratings, float threshold)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(ratings);
        var byUser = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var r in ratings)
        {
            if (r.Rating < threshold || catalog.IndexOf(r.ItemId) is not (var i and >= 0))
            {
                continue;
            }

            if (!byUser.TryGetValue(r.UserId, out var list))
            {
                byUser[r.UserId] = list = [];
            }

            list.Add(i);
        }

        return byUser.Values.Where(l => l.Count >= 2).Select(l => l.ToArray()).ToList();
    }

    /// <summary>
    /// <paramref name="queriesPerItem"/> sampled requests per item, each paired with its item, then up to
    /// <paramref name="maxPairsPerUser"/> disjoint pairs of each user's likes; all drawn from <paramref name="random"/>.
    /// </summary>
    public static Mined Mine(ItemCatalog catalog, List<int[]> likes, int queriesPerItem, int maxPairsPerUser, Random random)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(likes);
        ArgumentNullException.ThrowIfNull(random);
        var queries = new List<string>(queriesPerItem * catalog.Count);
        var pairs = new List<(int, int)>();
        for (var q = 0; q < queriesPerItem; q++)
        {
            for (var i = 0; i < catalog.Count; i++)
            {
                pairs.Add((-(queries.Count + 1), i));
                queries.Add(RequestTexts.Sample(catalog.Items[i], random));
            }
        }

        var queryPairs = pairs.Count;
        foreach (var liked in likes)
        {
            var order = (int[])liked.Clone();
            random.Shuffle(order);
            var n = Math.Min(maxPairsPerUser, order.Length / 2);
            for (var p = 0; p < n; p++)
            {
                pairs.Add((order[2 * p], order[(2 * p) + 1]));
            }
        }

        var shuffled = pairs.ToArray();
        random.Shuffle(shuffled);
        return new Mined([.. queries], shuffled, queryPairs, pairs.Count - queryPairs);
    }
}
