namespace AgentRec.Core.Personalization;

/// <summary>One user's interactions in chronological order: dense item indices and their Unix-second timestamps.</summary>
public readonly record struct UserHistory
{
    /// <summary>Wraps parallel item and timestamp sequences, oldest first.</summary>
    public UserHistory(ReadOnlyMemory<int> items, ReadOnlyMemory<long> timestamps)
    {
        if (items.Length != timestamps.Length)
        {
            throw new ArgumentException($"{items.Length} items but {timestamps.Length} timestamps.", nameof(timestamps));
        }

        Items = items;
        Timestamps = timestamps;
    }

    /// <summary>Dense item indices, oldest first.</summary>
    public ReadOnlyMemory<int> Items { get; }

    /// <summary>Unix seconds of each interaction, parallel to <see cref="Items"/>.</summary>
    public ReadOnlyMemory<long> Timestamps { get; }

    /// <summary>Number of interactions.</summary>
    public int Count => Items.Length;

    /// <summary>The first <paramref name="count"/> interactions (a prefix in time).</summary>
    public UserHistory Take(int count) => new(Items[..count], Timestamps[..count]);
}
