using AgentRec.Core.Retrieval;
using Microsoft.Extensions.AI;

namespace AgentRec.UnitTests.Retrieval;

public sealed class QueryEmbeddingCacheTests
{
    [Fact]
    public async Task The_same_text_is_embedded_once_and_answers_the_same_vector()
    {
        using var encoder = new FakeCountingEncoder();
        var cache = new QueryEmbeddingCache(8);

        var first = await cache.GetOrEmbedAsync(encoder, "dark heist", CancellationToken.None);
        var second = await cache.GetOrEmbedAsync(encoder, "dark heist", CancellationToken.None);
        var other = await cache.GetOrEmbedAsync(encoder, "space", CancellationToken.None);

        Assert.Equal(2, encoder.Calls);
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.NotEqual(first.ToArray(), other.ToArray());
    }

    [Fact]
    public async Task A_full_cache_evicts_the_least_recently_used_and_stays_bounded()
    {
        using var encoder = new FakeCountingEncoder();
        var cache = new QueryEmbeddingCache(4);
        foreach (var text in (string[])["a", "b", "c", "d"])
        {
            await cache.GetOrEmbedAsync(encoder, text, CancellationToken.None);
        }

        await cache.GetOrEmbedAsync(encoder, "a", CancellationToken.None); // "a" is now the most recent
        await cache.GetOrEmbedAsync(encoder, "e", CancellationToken.None); // evicts the older half: b, c
        var calls = encoder.Calls;
        await cache.GetOrEmbedAsync(encoder, "a", CancellationToken.None);
        await cache.GetOrEmbedAsync(encoder, "b", CancellationToken.None);

        Assert.True(cache.Count <= 4);
        Assert.Equal(calls + 1, encoder.Calls); // "a" was kept, "b" had to be embedded again
    }

    [Fact]
    public async Task Eviction_keeps_the_most_recently_used_half_whatever_the_insertion_order()
    {
        using var encoder = new FakeCountingEncoder();
        var cache = new QueryEmbeddingCache(8);
        string[] texts = ["a", "b", "c", "d", "e", "f", "g", "h"];
        foreach (var text in texts)
        {
            await cache.GetOrEmbedAsync(encoder, text, CancellationToken.None);
        }

        foreach (var text in (string[])["h", "b", "f", "d"])
        {
            await cache.GetOrEmbedAsync(encoder, text, CancellationToken.None); // now used after the other four
        }

        await cache.GetOrEmbedAsync(encoder, "i", CancellationToken.None);
        var calls = encoder.Calls;
        foreach (var text in (string[])["b", "d", "f", "h", "i"])
        {
            await cache.GetOrEmbedAsync(encoder, text, CancellationToken.None);
        }

        Assert.Equal(calls, encoder.Calls);
        Assert.Equal(5, cache.Count);
    }

    [Fact]
    public async Task Concurrent_distinct_texts_leave_at_most_the_capacity()
    {
        using var encoder = new FakeCountingEncoder();
        var cache = new QueryEmbeddingCache(64);

        await Parallel.ForAsync(0, 5000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await cache.GetOrEmbedAsync(encoder, "text " + i, ct));

        Assert.InRange(cache.Count, 1, 64);
    }

    [Fact]
    public async Task Vectors_of_another_encoder_are_never_served()
    {
        using var first = new FakeCountingEncoder();
        using var retrained = new FakeCountingEncoder(offset: 100);
        var cache = new QueryEmbeddingCache(8);

        await cache.GetOrEmbedAsync(first, "space", CancellationToken.None);
        var vector = await cache.GetOrEmbedAsync(retrained, "space", CancellationToken.None);

        Assert.Equal(1, retrained.Calls);
        Assert.Equal(100f, vector.Span[1]);
    }

    /// <summary>A fake encoder (the real ones are tested elsewhere) that counts calls and hashes text into a vector.</summary>
    private sealed class FakeCountingEncoder(float offset = 0) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(new float[] { v.Length, offset, v[0] })));
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
