using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// A bounded cache of request-text embeddings in front of the query encoder: the same words (after the retriever has
/// dropped what became filters) embed once. Each use stamps its entry from a logical clock; once an insertion takes the
/// cache over its capacity, the least recently used half is evicted in one sweep, so a lookup stays a dictionary read
/// plus a counter increment, and when insertions stop at most <c>capacity</c> entries remain. Hits and misses are counted on <c>agentrec.cache.hits</c> /
/// <c>agentrec.cache.misses</c> with <c>cache=query_embedding</c>.
/// </summary>
public sealed class QueryEmbeddingCache(int capacity = QueryEmbeddingCache.DefaultCapacity)
{
    /// <summary>Entries kept by default (a 128-dim vector is 0.5 KB; 4,096 of them about 2 MB).</summary>
    public const int DefaultCapacity = 4096;

    private static readonly KeyValuePair<string, object?> Tag = new("cache", "query_embedding");

    private readonly int _capacity = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least 1.");
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();
    private long _clock;

    /// <summary>Entries held now.</summary>
    public int Count => _entries.Count;

    /// <summary>The vector of <paramref name="text"/> from the cache, or from <paramref name="encoder"/> (then cached).</summary>
    public async ValueTask<ReadOnlyMemory<float>> GetOrEmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> encoder, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(text);
        if (_entries.TryGetValue(text, out var hit) && ReferenceEquals(hit.Encoder, encoder))
        {
            hit.LastUsed = Interlocked.Increment(ref _clock);
            AgentRecTelemetry.CacheHits.Add(1, Tag);
            return hit.Vector;
        }

        AgentRecTelemetry.CacheMisses.Add(1, Tag);
        var embedding = await encoder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        var vector = embedding[0].Vector;
        // Keyed to the encoder instance too: a retrained encoder's vectors never mix with the old one's.
        _entries[text] = new Entry(encoder, vector) { LastUsed = Interlocked.Increment(ref _clock) };
        if (_entries.Count > _capacity)
        {
            Evict();
        }

        return vector;
    }

    private void Evict()
    {
        lock (_evicting)
        {
            if (_entries.Count <= _capacity)
            {
                return;
            }

            var stamps = _entries.Select(e => e.Value.LastUsed).OrderBy(t => t).ToArray();
            var cutoff = stamps[(stamps.Length / 2) - 1];
            foreach (var (key, entry) in _entries)
            {
                if (entry.LastUsed <= cutoff)
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Entry(object encoder, ReadOnlyMemory<float> vector)
    {
        public object Encoder { get; } = encoder;

        public ReadOnlyMemory<float> Vector { get; } = vector;

        public long LastUsed { get; set; }
    }
}
