using AgentRec.Core.Retrieval;
using Microsoft.Extensions.VectorData;

namespace AgentRec.UnitTests.Retrieval;

public sealed class InMemoryVectorCollectionTests
{
    private static ItemVectorRecord Record(string id, string domain, int? year, string[] genres, params float[] vector) =>
        new() { Id = id, Domain = domain, Year = year, Genres = genres, Vector = Normalize(vector) };

    private static float[] Normalize(float[] v)
    {
        var n = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / n)];
    }

    private static async Task<InMemoryVectorCollection> Filled()
    {
        var c = new InMemoryVectorCollection("items", 3);
        await c.UpsertAsync(
        [
            Record("a", "movie", 1995, ["Action"], 1, 0, 0),
            Record("b", "movie", 2005, ["Comedy"], 0.9f, 0.1f, 0),
            Record("c", "book", 1990, [], 0, 1, 0),
            Record("d", "movie", 1999, ["Action", "Sci-Fi"], 0.7f, 0, 0.7f),
        ]);
        return c;
    }

    [Fact]
    public async Task Upserted_records_come_back_by_key_with_or_without_vectors()
    {
        using var c = await Filled();

        var withVector = await c.GetAsync("d", new RecordRetrievalOptions { IncludeVectors = true });
        var withoutVector = await c.GetAsync("d");

        Assert.Equal(1999, withVector!.Year);
        Assert.Equal(3, withVector.Vector.Length);
        Assert.True(withoutVector!.Vector.IsEmpty);
        Assert.Null(await c.GetAsync("missing"));
    }

    [Fact]
    public async Task Search_returns_the_nearest_records_best_first()
    {
        using var c = await Filled();

        var results = await c.SearchAsync(new float[] { 1, 0, 0 }, 2).ToListAsync();

        Assert.Equal(["a", "b"], results.Select(r => r.Record.Id));
        Assert.Equal(1.0, results[0].Score!.Value, 1e-5);
    }

    [Fact]
    public async Task Search_applies_the_filter_before_taking_the_top()
    {
        using var c = await Filled();

        var results = await c.SearchAsync(
            new ReadOnlyMemory<float>([1, 0, 0]), 5,
            new VectorSearchOptions<ItemVectorRecord> { Filter = r => r.Domain == "movie" && r.Year >= 1996 && r.Genres.Contains("Action") }).ToListAsync();

        Assert.Equal(["d"], results.Select(r => r.Record.Id));
    }

    [Fact]
    public async Task Upsert_replaces_and_delete_removes()
    {
        using var c = await Filled();

        await c.UpsertAsync(Record("a", "movie", 1995, ["Action"], 0, 0, 1));
        await c.DeleteAsync("b");
        var top = await c.SearchAsync(new float[] { 1, 0, 0 }, 10).ToListAsync();

        Assert.Equal(3, c.Count);
        Assert.Equal("d", top[0].Record.Id);
        Assert.DoesNotContain(top, r => r.Record.Id == "b");
    }

    [Fact]
    public async Task A_wrong_dimension_is_rejected_without_a_partial_write()
    {
        using var c = await Filled();

        await Assert.ThrowsAsync<ArgumentException>(() => c.UpsertAsync([Record("e", "movie", 2000, [], 1, 0, 0), new ItemVectorRecord { Id = "f", Vector = new float[4] }]));

        Assert.Null(await c.GetAsync("e"));
        Assert.Equal(4, c.Count);
    }

    [Fact]
    public async Task A_deleted_collection_refuses_reads_with_a_typed_error()
    {
        using var c = await Filled();

        await c.EnsureCollectionDeletedAsync();

        Assert.False(await c.CollectionExistsAsync());
        await Assert.ThrowsAsync<VectorStoreException>(() => c.GetAsync("a"));
    }

    [Fact]
    public async Task Filtered_get_returns_matching_records()
    {
        using var c = await Filled();

        var books = await c.GetAsync(r => r.Domain == "book", 10).ToListAsync();

        Assert.Equal(["c"], books.Select(r => r.Id));
    }
}
