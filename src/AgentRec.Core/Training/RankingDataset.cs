using AgentRec.Core.Catalog;
using AgentRec.Core.Personalization;

namespace AgentRec.Core.Training;

/// <summary>
/// Interactions prepared for the leave-last-out protocol: k-core filtered, dense ids, and each user's interactions
/// sorted by time (ties kept in source order). The last interaction is the test item, the one before it validation.
/// </summary>
public sealed class RankingDataset
{
    private readonly int[][] _items;
    private readonly long[][] _timestamps;

    private RankingDataset(string[] userIds, string[] itemIds, int[][] items, long[][] timestamps, long interactions)
    {
        UserIds = userIds;
        ItemIds = itemIds;
        _items = items;
        _timestamps = timestamps;
        InteractionCount = interactions;
    }

    /// <summary>Source user ids by dense index, in order of first appearance.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Source item ids by dense index, in order of first appearance.</summary>
    public IReadOnlyList<string> ItemIds { get; }

    /// <summary>Number of users kept.</summary>
    public int UserCount => UserIds.Count;

    /// <summary>Number of items kept.</summary>
    public int ItemCount => ItemIds.Count;

    /// <summary>Number of interactions kept.</summary>
    public long InteractionCount { get; }

    /// <summary>
    /// Keeps users and items with at least <paramref name="minInteractions"/> interactions, repeating until both hold
    /// (the k-core), then sorts each user's interactions by timestamp, stably.
    /// </summary>
    public static RankingDataset FromRatings(IReadOnlyList<RatingEvent> ratings, int minInteractions = 5)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfLessThan(minInteractions, 3);
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = new int[ratings.Count];
        var items = new int[ratings.Count];
        for (var e = 0; e < ratings.Count; e++)
        {
            users[e] = IndexOf(userIndex, ratings[e].UserId);
            items[e] = IndexOf(itemIndex, ratings[e].ItemId);
        }

        var alive = new bool[ratings.Count];
        Array.Fill(alive, true);
        var userCounts = new int[userIndex.Count];
        var itemCounts = new int[itemIndex.Count];
        bool changed;
        do
        {
            Array.Clear(userCounts);
            Array.Clear(itemCounts);
            for (var e = 0; e < alive.Length; e++)
            {
                if (alive[e])
                {
                    userCounts[users[e]]++;
                    itemCounts[items[e]]++;
                }
            }

            changed = false;
            for (var e = 0; e < alive.Length; e++)
            {
                if (alive[e] && (userCounts[users[e]] < minInteractions || itemCounts[items[e]] < minInteractions))
                {
                    alive[e] = false;
                    changed = true;
                }
            }
        }
        while (changed);

        // Dense ids again over what survived, in order of first appearance.
        var userMap = new int[userIndex.Count];
        var itemMap = new int[itemIndex.Count];
        Array.Fill(userMap, -1);
        Array.Fill(itemMap, -1);
        var userIds = new List<string>();
        var itemIds = new List<string>();
        var perUser = new List<List<int>>();
        var kept = 0L;
        for (var e = 0; e < alive.Length; e++)
        {
            if (!alive[e])
            {
                continue;
            }

            if (userMap[users[e]] < 0)
            {
                userMap[users[e]] = userIds.Count;
                userIds.Add(ratings[e].UserId);
                perUser.Add([]);
            }

            if (itemMap[items[e]] < 0)
            {
                itemMap[items[e]] = itemIds.Count;
                itemIds.Add(ratings[e].ItemId);
            }

            perUser[userMap[users[e]]].Add(e);
            kept++;
        }

        var sequences = new int[userIds.Count][];
        var times = new long[userIds.Count][];
        for (var u = 0; u < perUser.Count; u++)
        {
            // Events are listed in source order, so ordering by (timestamp, event index) is the stable sort by time.
            var events = perUser[u].ToArray();
            Array.Sort(events, (a, b) =>
            {
                var byTime = ratings[a].Timestamp.CompareTo(ratings[b].Timestamp);
                return byTime != 0 ? byTime : a.CompareTo(b);
            });
            sequences[u] = new int[events.Length];
            times[u] = new long[events.Length];
            for (var t = 0; t < events.Length; t++)
            {
                sequences[u][t] = itemMap[items[events[t]]];
                times[u][t] = ratings[events[t]].Timestamp;
            }
        }

        return new RankingDataset([.. userIds], [.. itemIds], sequences, times, kept);
    }

    /// <summary>User <paramref name="user"/>'s whole chronological sequence.</summary>
    public UserHistory Sequence(int user) => new(_items[user], _timestamps[user]);

    /// <summary>The sequence without its last <paramref name="heldOut"/> interactions (2: before validation; 1: before test).</summary>
    public UserHistory History(int user, int heldOut) => Sequence(user).Take(_items[user].Length - heldOut);

    /// <summary>The held-out item: <paramref name="heldOut"/> = 1 is the test item, 2 the validation item.</summary>
    public int Target(int user, int heldOut) => _items[user][^heldOut];

    /// <summary>Training interactions: every user's history without the last <paramref name="heldOut"/> interactions.</summary>
    public InteractionData TrainingData(int heldOut)
    {
        var histories = new UserHistory[UserCount];
        for (var u = 0; u < histories.Length; u++)
        {
            histories[u] = History(u, heldOut);
        }

        return new InteractionData(ItemCount, histories);
    }

    private static int IndexOf(Dictionary<string, int> index, string id)
    {
        if (!index.TryGetValue(id, out var i))
        {
            index[id] = i = index.Count;
        }

        return i;
    }
}
