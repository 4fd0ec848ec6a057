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
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(new float[] { v.Length, offset, v[0] })));
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
