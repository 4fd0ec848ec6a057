using AgentRec.Core.Retrieval;
using AgentRec.Core.Retrieval.Hnsw;

namespace AgentRec.UnitTests.Retrieval;

public sealed class HnswVectorCollectionTests
{
    private const int Dims = 16;

    private static InMemoryVectorCollection Filled(int count, out float[] vectors, int threshold = 500)
    {
        vectors = HnswTestVectors.Unit(count, Dims, seed: 21);
        var collection = new InMemoryVectorCollection("items", Dims, ann: new AnnIndexOptions { Threshold = threshold, Hnsw = new HnswParameters { EfConstruction = 48, ExactFilterRows = 0 } });
        var records = new ItemVectorRecord[count];
        for (var i = 0; i < count; i++)
        {
            records[i] = new ItemVectorRecord
            {
                Id = $"i{i}",
                Domain = i % 2 == 0 ? "movie" : "book",
                Year = 1950 + (i % 70),
                Genres = [],
                Vector = vectors.AsMemory(i * Dims, Dims),
            };
        }

        collection.Upsert(records);
        return collection;
    }

    [Fact]
    public void Collection_below_the_threshold_searches_exactly()
    {
        using var collection = Filled(400, out var vectors);

        collection.Search(vectors.AsSpan(0, Dims), 5);

        Assert.False(collection.UsesAnnIndex);
    }

    [Fact]
    public void Collection_at_the_threshold_searches_the_graph_and_finds_each_record_by_its_own_vector()
    {
        using var collection = Filled(1_000, out var vectors);

        var hit = collection.Search(vectors.AsSpan(321 * Dims, Dims), 1);

        Assert.True(collection.UsesAnnIndex);
        Assert.Equal("i321", hit[0].Record.Id);
    }

    [Fact]
    public void Graph_search_never_returns_a_record_the_filter_rejects()
    {
        using var collection = Filled(1_000, out var vectors);

        var hits = collection.Search(vectors.AsSpan(0, Dims), 50, r => r.Domain == "book" && r.Year >= 2000);

        Assert.True(collection.UsesAnnIndex);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.True(h.Record.Domain == "book" && h.Record.Year >= 2000));
    }

    [Fact]
    public async Task Deletes_and_upserts_after_the_graph_is_built_are_reflected_in_graph_search()
    {
        using var collection = Filled(1_000, out var vectors);
        collection.Search(vectors.AsSpan(0, Dims), 1);

        await collection.DeleteAsync("i5");
        await collection.UpsertAsync(new ItemVectorRecord { Id = "new", Domain = "movie", Genres = [], Vector = vectors.AsMemory(5 * Dims, Dims) });
        var moved = collection.Search(vectors.AsSpan(999 * Dims, Dims), 1);
        var replaced = collection.Search(vectors.AsSpan(5 * Dims, Dims), 1);

        Assert.True(collection.UsesAnnIndex);
        Assert.Equal("i999", moved[0].Record.Id);
        Assert.Equal("new", replaced[0].Record.Id);
    }

    [Fact]
    public async Task Dropping_below_the_threshold_returns_to_exact_search()
    {
        using var collection = Filled(501, out var vectors);
        collection.Search(vectors.AsSpan(0, Dims), 1);

        await collection.DeleteAsync(["i0", "i1"]);
        collection.Search(vectors.AsSpan(0, Dims), 1);

        Assert.False(collection.UsesAnnIndex);
    }

    [Fact]
    public void Exact_search_stays_available_above_the_threshold()
    {
        using var collection = Filled(1_000, out var vectors);
        var query = HnswTestVectors.Unit(1, Dims, seed: 8);

        var exact = collection.SearchExact(query, 10).Select(h => h.Record.Id);
        var brute = Enumerable.Range(0, 1_000)
            .OrderByDescending(i => System.Numerics.Tensors.TensorPrimitives.Dot(query, vectors.AsSpan(i * Dims, Dims)))
            .Take(10).Select(i => $"i{i}");

        Assert.Equal(brute, exact);
    }
}
