namespace AgentRec.Core.Personalization;

/// <summary>
/// Training interactions: chronological user histories over dense item indices, with per-item counts and the
/// item-to-users index the item-item models are fitted from.
/// </summary>
public sealed class InteractionData
{
    private readonly int[] _itemCounts;
    private readonly int[] _itemUserOffsets;
    private readonly int[] _itemUsers;
    private readonly int[] _userItemOffsets;
    private readonly int[] _userItems;

    /// <summary>Indexes <paramref name="users"/>; every item index must be in 0..<paramref name="itemCount"/>-1.</summary>
    public InteractionData(int itemCount, IReadOnlyList<UserHistory> users)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentNullException.ThrowIfNull(users);
        ItemCount = itemCount;
        Users = users;
        _itemCounts = new int[itemCount];

        // An item seen twice by one user counts once: the models are about who saw what, not how often.
        var lastUser = new int[itemCount];
        Array.Fill(lastUser, -1);
        var interactions = 0L;
        for (var u = 0; u < users.Count; u++)
        {
            foreach (var item in users[u].Items.Span)
            {
                if ((uint)item >= (uint)itemCount)
                {
                    throw new ArgumentException($"User {u} has item index {item} outside 0..{itemCount - 1}.", nameof(users));
                }

                interactions++;
                if (lastUser[item] != u)
                {
                    lastUser[item] = u;
                    _itemCounts[item]++;
                }
            }
        }

        InteractionCount = interactions;
        _itemUserOffsets = new int[itemCount + 1];
        for (var i = 0; i < itemCount; i++)
        {
            _itemUserOffsets[i + 1] = _itemUserOffsets[i] + _itemCounts[i];
        }

        _itemUsers = new int[_itemUserOffsets[itemCount]];
        _userItems = new int[_itemUsers.Length];
        _userItemOffsets = new int[users.Count + 1];
        var fill = _itemUserOffsets[..^1];
        Array.Fill(lastUser, -1);
        var next = 0;
        for (var u = 0; u < users.Count; u++)
        {
            foreach (var item in users[u].Items.Span)
            {
                if (lastUser[item] != u)
                {
                    lastUser[item] = u;
                    _itemUsers[fill[item]++] = u;
                    _userItems[next++] = item;
                }
            }

            _userItemOffsets[u + 1] = next;
        }
    }

    /// <summary>Number of items (dense indices 0..ItemCount-1).</summary>
    public int ItemCount { get; }

    /// <summary>Number of users.</summary>
    public int UserCount => Users.Count;

    /// <summary>Total interactions over all histories.</summary>
    public long InteractionCount { get; }

    /// <summary>Chronological histories, one per user.</summary>
    public IReadOnlyList<UserHistory> Users { get; }

    /// <summary>How many distinct users interacted with each item.</summary>
    public ReadOnlySpan<int> ItemCounts => _itemCounts;

    /// <summary>The distinct items of user <paramref name="user"/>, in order of first interaction.</summary>
    public ReadOnlySpan<int> DistinctItemsOf(int user) => _userItems.AsSpan(_userItemOffsets[user], _userItemOffsets[user + 1] - _userItemOffsets[user]);

    /// <summary>The users who interacted with <paramref name="item"/>, ascending.</summary>
    public ReadOnlySpan<int> UsersOf(int item) => _itemUsers.AsSpan(_itemUserOffsets[item], _itemUserOffsets[item + 1] - _itemUserOffsets[item]);
}
