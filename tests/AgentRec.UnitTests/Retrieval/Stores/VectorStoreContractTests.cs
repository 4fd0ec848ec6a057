using AgentRec.Core.Retrieval;
using FsCheck.Xunit;
using Microsoft.Extensions.VectorData;

namespace AgentRec.UnitTests.Retrieval.Stores;

/// <summary>
/// What every <see cref="VectorStoreCollection{TKey, TRecord}"/> of item vectors must do, whichever store is behind it.
/// Each concrete subclass supplies fresh, uniquely named collections; everything it created is deleted afterwards.
/// </summary>
public abstract class VectorStoreContractTests : IAsyncLifetime
{
    private static readonly string[] GenrePool = ["Action", "Comedy", "Drama", "Sci-Fi", "Horror", "Romance"];
    private readonly List<VectorStoreCollection<string, ItemVectorRecord>> _created = [];

    /// <summary>A handle on a collection named <paramref name="name"/> of <paramref name="dimensions"/>-wide vectors; it may not exist yet.</summary>
    protected abstract VectorStoreCollection<string, ItemVectorRecord> Open(string name, int dimensions);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _created)
        {
            await c.EnsureCollectionDeletedAsync();
            c.Dispose();
        }
    }

    [ContractFact]
    public async Task A_created_collection_exists_and_a_deleted_one_does_not()
    {
        var c = Open(NewName(), 3);
        _created.Add(c);

        await c.EnsureCollectionExistsAsync();
        var afterCreate = await c.CollectionExistsAsync();
        await c.EnsureCollectionDeletedAsync();
        var afterDelete = await c.CollectionExistsAsync();

        Assert.True(afterCreate);
        Assert.False(afterDelete);
    }

    [ContractFact]
    public async Task Upserted_records_come_back_by_key_with_their_payload_and_vector()
    {
        var c = await FilledAsync();

        var d = await c.GetAsync("d", new RecordRetrievalOptions { IncludeVectors = true });
        var noYear = await c.GetAsync("e");
        var both = await c.GetAsync(["a", "missing", "c"]).ToListAsync();

        Assert.NotNull(d);
        Assert.Equal(("movie", 1999, "Action|Sci-Fi"), (d.Domain, d.Year, string.Join('|', d.Genres)));
        Assert.Equal(Unit(0.7f, 0, 0.7f), d.Vector.ToArray(), new ToleranceComparer(1e-4f));
        Assert.Null(noYear!.Year);
        Assert.Equal(["a", "c"], both.Select(r => r.Id).Order());
        Assert.Null(await c.GetAsync("missing"));
    }

    [ContractFact]
    public async Task Upserting_an_existing_key_replaces_the_record()
    {
        var c = await FilledAsync();

        await c.UpsertAsync(Record("a", "book", 2001, ["Drama"], 0, 0, 1));
        var a = await c.GetAsync("a");
        var top = await c.SearchAsync(new float[] { 0, 0, 1 }, 1).ToListAsync();

        Assert.Equal(("book", 2001, "Drama"), (a!.Domain, a.Year, string.Join('|', a.Genres)));
        Assert.Equal("a", top[0].Record.Id);
    }

    [ContractFact]
    public async Task Deleted_records_are_gone_and_the_others_stay()
    {
        var c = await FilledAsync();

        await c.DeleteAsync("b");
        await c.DeleteAsync(["c", "never-there"]);
        var all = await c.SearchAsync(new float[] { 1, 0, 0 }, 10).ToListAsync();

        Assert.Equal(["a", "d", "e"], all.Select(r => r.Record.Id).Order());
        Assert.Null(await c.GetAsync("b"));
    }

    [ContractFact]
    public async Task Search_returns_the_nearest_records_best_first_with_cosine_scores()
    {
        var c = await FilledAsync();

        var results = await c.SearchAsync(new ReadOnlyMemory<float>([1, 0, 0]), 3).ToListAsync();

        Assert.Equal(["a", "b", "d"], results.Select(r => r.Record.Id));
        Assert.Equal(1.0, results[0].Score!.Value, 1e-4);
        Assert.Equal(Unit(0.9f, 0.1f, 0)[0], results[1].Score!.Value, 1e-4);
        Assert.Equal(Unit(0.7f, 0, 0.7f)[0], results[2].Score!.Value, 1e-4);
    }

    [ContractFact]
    public async Task Search_applies_the_item_filter_before_taking_the_top()
    {
        var c = await FilledAsync();
        var filter = new ItemVectorFilter { Domain = "movie", AllGenres = ["Action"], ExcludeGenres = ["Comedy"], YearFrom = 1996, YearTo = 1999 };

        var results = await c.SearchAsync(new float[] { 1, 0, 0 }, 5, new VectorSearchOptions<ItemVectorRecord> { Filter = filter.ToExpression() }).ToListAsync();

        Assert.Equal(["d"], results.Select(r => r.Record.Id));
    }

    [ContractFact]
    public async Task Search_accepts_a_written_linq_filter_of_the_supported_shape()
    {
        var c = await FilledAsync();
        var from = 1996;

        var results = await c.SearchAsync(
            new float[] { 1, 0, 0 }, 5,
            new VectorSearchOptions<ItemVectorRecord> { Filter = r => r.Domain == "movie" && r.Year >= from && (r.Genres.Contains("Comedy") || r.Genres.Contains("Sci-Fi")) }).ToListAsync();

        Assert.Equal(["b", "d"], results.Select(r => r.Record.Id));
    }

    [ContractFact]
    public async Task A_wrong_vector_dimension_is_rejected_and_nothing_is_written()
    {
        var c = await FilledAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => c.UpsertAsync([Record("x", "movie", 2000, [], 1, 0, 0), new ItemVectorRecord { Id = "y", Vector = new float[4] }]));

        Assert.Null(await c.GetAsync("x"));
        Assert.Equal(5, (await c.SearchAsync(new float[] { 1, 0, 0 }, 10).ToListAsync()).Count);
    }

    [ContractFact]
    public async Task Reading_a_missing_collection_fails_with_an_error_naming_it()
    {
        var c = await FilledAsync();
        await c.EnsureCollectionDeletedAsync();

        var get = await Assert.ThrowsAnyAsync<VectorStoreException>(() => c.GetAsync("a"));
        var search = await Assert.ThrowsAnyAsync<VectorStoreException>(() => c.SearchAsync(new float[] { 1, 0, 0 }, 1).ToListAsync().AsTask());

        Assert.Contains(c.Name, get.Message, StringComparison.Ordinal);
        Assert.Contains(c.Name, search.Message, StringComparison.Ordinal);
    }

    [ContractFact]
    public async Task Filtered_get_returns_only_matching_records()
    {
        var c = await FilledAsync();

        var books = await c.GetAsync(new ItemVectorFilter { Domain = "book" }.ToExpression(), 10).ToListAsync();

        Assert.Equal(["c"], books.Select(r => r.Id));
    }

    /// <summary>
    /// Random records, random filter, random query: the store returns exactly the brute-force filtered top-k scores, and
    /// no returned record breaks the filter.
    /// </summary>
    [ContractProperty(MaxTest = 15)]
    public async Task Filtered_search_matches_exact_brute_force_and_never_breaks_the_filter(int seed)
    {
        var random = new Random(seed);
        const int dims = 4;
        var records = Enumerable.Range(0, 30).Select(i => new ItemVectorRecord
        {
            Id = "item-" + i,
            Domain = random.Next(4) == 0 ? "book" : "movie",
            Year = random.Next(6) == 0 ? null : 1980 + random.Next(40),
            Genres = [.. GenrePool.Where(_ => random.Next(3) == 0)],
            Vector = Unit([.. Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1))]),
        }).ToList();
        var from = random.Next(3) == 0 ? (int?)(1980 + random.Next(40)) : null;
        var filter = new ItemVectorFilter
        {
            Domain = random.Next(3) switch { 0 => "movie", 1 => "book", _ => null },
            AllGenres = [.. GenrePool.Where(_ => random.Next(6) == 0)],
            AnyGenres = [.. GenrePool.Where(_ => random.Next(4) == 0)],
            ExcludeGenres = [.. GenrePool.Where(_ => random.Next(5) == 0)],
            YearFrom = from,
            YearTo = random.Next(3) == 0 ? (from ?? 1980) + random.Next(30) : null,
        };
        var query = Unit([.. Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() * 2 - 1))]);
        var top = 1 + random.Next(10);
        using var c = Open(NewName(), dims);
        List<VectorSearchResult<ItemVectorRecord>> results;
        try
        {
            await c.EnsureCollectionExistsAsync();
            await c.UpsertAsync(records);

            results = await c.SearchAsync(query, top, new VectorSearchOptions<ItemVectorRecord> { Filter = filter.ToExpression() }).ToListAsync();
        }
        finally
        {
            await c.EnsureCollectionDeletedAsync();
        }

        var expected = records.Where(filter.Matches).Select(r => Dot(query, r.Vector.Span)).OrderDescending().Take(top).ToList();
        Assert.All(results, r => Assert.True(filter.Matches(r.Record), $"{r.Record.Id} breaks {filter}"));
        Assert.Equal(expected, results.Select(r => r.Score!.Value), new ToleranceComparer(1e-4f));
    }

    protected static string NewName() => "contract-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<VectorStoreCollection<string, ItemVectorRecord>> FilledAsync()
    {
        var c = Open(NewName(), 3);
        _created.Add(c);
        await c.EnsureCollectionExistsAsync();
        await c.UpsertAsync(
        [
            Record("a", "movie", 1995, ["Action"], 1, 0, 0),
            Record("b", "movie", 2005, ["Comedy"], 0.9f, 0.1f, 0),
            Record("c", "book", 1990, [], 0, 1, 0),
            Record("d", "movie", 1999, ["Action", "Sci-Fi"], 0.7f, 0, 0.7f),
            Record("e", "movie", null, ["Drama"], 0, 0.2f, 1),
        ]);
        return c;
    }

    private static ItemVectorRecord Record(string id, string domain, int? year, string[] genres, params float[] vector) =>
        new() { Id = id, Domain = domain, Year = year, Genres = genres, Vector = Unit(vector) };

    private static float[] Unit(params float[] v)
    {
        var n = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / n)];
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>, IEqualityComparer<double>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;

        public int GetHashCode(double obj) => 0;
    }
}
