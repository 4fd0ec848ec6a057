using System.Collections.Concurrent;

namespace AgentRec.Core.Llm;

/// <summary>
/// The tokens each grammar state allows, found once by a walk of the token trie and kept (sorted by id) for the next
/// time a generation reaches the same state: a constrained decode passes through the same few hundred states request
/// after request. Bounded by the total ids held; when a new set would pass the bound the cache starts over.
/// Safe for concurrent generations.
/// </summary>
internal sealed class AllowedTokenCache<TGrammar>
    where TGrammar : struct, ICharGrammar, IEquatable<TGrammar>
{
    private readonly ConcurrentDictionary<TGrammar, int[]> _sets = new();
    private readonly TokenTrie _trie;
    private readonly long _maxIds;
    private long _ids;

    public AllowedTokenCache(TokenTrie trie, long maxIds = 4_000_000)
    {
        ArgumentNullException.ThrowIfNull(trie);
        ArgumentOutOfRangeException.ThrowIfNegative(maxIds);
        _trie = trie;
        _maxIds = maxIds;
    }

    /// <summary>States held.</summary>
    public int Count => _sets.Count;

    /// <summary>The ids of the tokens whose whole text <paramref name="state"/> accepts, ascending; empty when none.</summary>
    public int[] Allowed(TGrammar state)
    {
        if (_sets.TryGetValue(state, out var cached))
        {
            return cached;
        }

        var list = new List<int>();
        _trie.CollectAllowed(state, list);
        var ids = list.ToArray();
        Array.Sort(ids);
        if (Interlocked.Add(ref _ids, ids.Length) > _maxIds)
        {
            _sets.Clear();
            Interlocked.Exchange(ref _ids, ids.Length);
        }

        return _sets.GetOrAdd(state, ids);
    }
}
