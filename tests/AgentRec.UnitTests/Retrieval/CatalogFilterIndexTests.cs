using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Retrieval;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Retrieval;

public sealed class CatalogFilterIndexTests
{
    private static readonly string[] Genres = ["Action", "comedy", "Drama", "Sci-Fi", "Horror", "Romance", "Western", "Jazz"];

    private static readonly ItemCatalog Catalog = new(
    [
        Item("1", 1994, ItemDomain.Movie, "Action", "Sci-Fi"),
        Item("2", 2001, ItemDomain.Movie, "Comedy", "Romance"),
        Item("3", null, ItemDomain.Movie, "Drama"),
        Item("4", 1980, ItemDomain.Movie, "Horror", "Sci-Fi", "Action"),
        Item("5", 2010, ItemDomain.Movie),
        Item("book-1", 2008, ItemDomain.Book),
        Item("book-2", null, ItemDomain.Book),
        Item("book-3", 1999, ItemDomain.Book, "Drama"),
    ]);

    [Property(MaxTest = 300)]
    public Property The_compiled_filter_answers_exactly_as_the_intent_filter()
    {
        var intents =
            from domain in Gen.Elements(IntentDomains.Movie, IntentDomains.Book, IntentDomains.Any)
            from genres in Gen.SubListOf(Genres)
            from excluded in Gen.SubListOf(Genres)
            from yearFrom in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1975, 2015).Select(y => (int?)y))
            from yearTo in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1975, 2015).Select(y => (int?)y))
            select new RecommendationIntent { Domain = domain, Genres = [.. genres.Take(3)], ExcludeGenres = [.. excluded.Take(2)], YearFrom = yearFrom, YearTo = yearTo };

        return Prop.ForAll(intents.ToArbitrary(), intent =>
        {
            var filter = CatalogFilterIndex.Of(Catalog).For(intent);
            return Enumerable.Range(0, Catalog.Count).All(i => filter.Matches(i) == IntentFilter.Matches(Catalog.Items[i], intent));
        });
    }

    [Property(MaxTest = 300)]
    public Property The_evidence_floor_over_flat_arrays_admits_exactly_as_the_floor_itself()
    {
        var catalog = new ItemCatalog(
            Enumerable.Range(0, 40).Select(i => Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 2000, i % 3 == 0 ? ItemDomain.Book : ItemDomain.Movie) with
            {
                Popularity = i * i * 37 % 60_000,
                MeanRating = 1 + (i * 7 % 40) / 10.0,
            }));
        var floors =
            from movies in Gen.Choose(0, 60)
            from books in Gen.Choose(0, 20_000)
            from maxMovies in Gen.Elements(0, 10, 30)
            from maxBooks in Gen.Elements(0, 5_000, 50_000)
            from mean in Gen.Elements(0.0, 3.0, 3.7, 4.2)
            from bookMean in Gen.Elements(0.0, 3.9)
            select new EvidenceFloor(movies, books) { MaxMovieRatings = maxMovies, MaxBookRatings = maxBooks, MinMeanRating = mean, MinBookMeanRating = bookMean };

        return Prop.ForAll(floors.ToArbitrary(), floor =>
            Enumerable.Range(0, catalog.Count).All(i => CatalogFilterIndex.Of(catalog).Admits(i, floor) == floor.Admits(catalog.Items[i])));
    }

    [Fact]
    public void A_catalog_with_more_than_64_genres_falls_back_to_comparing_names()
    {
        var many = new ItemCatalog(Enumerable.Range(0, 70).Select(g => Item(g.ToString(System.Globalization.CultureInfo.InvariantCulture), 2000, ItemDomain.Movie, "G" + g)));
        var index = new CatalogFilterIndex(many);
        var filter = index.For(new RecommendationIntent { Genres = ["g69"] });

        Assert.False(index.Exact);
        Assert.Equal([69], Enumerable.Range(0, many.Count).Where(filter.Matches));
    }

    [Fact]
    public void A_film_among_the_most_rated_tenth_of_its_five_years_is_well_known_however_few_its_ratings()
    {
        // Twenty films of 2016 rated 1..20 times and twenty of 1995 rated 100..119 times, and a book.
        var items = Enumerable.Range(1, 20).Select(r => Item("new" + r, 2016, ItemDomain.Movie) with { Popularity = r })
            .Concat(Enumerable.Range(0, 20).Select(r => Item("old" + r, 1995, ItemDomain.Movie) with { Popularity = 100 + r }))
            .Append(Item("book", 2016, ItemDomain.Book) with { Popularity = 1_000_000 })
            .ToList();
        var catalog = new ItemCatalog(items);
        var lessKnown = CatalogFilterIndex.Of(catalog).LessKnown;

        bool Less(string id) => lessKnown[catalog.IndexOf(id)];
        Assert.False(Less("new20"));
        Assert.False(Less("new19"));
        Assert.True(Less("new18"));
        Assert.False(Less("old19"));
        Assert.True(Less("old0"));
        Assert.True(Less("book"));
    }

    private static CatalogItem Item(string id, int? year, ItemDomain domain, params string[] genres) =>
        new(id, id, id, year, genres, [], string.Empty, 1, 3, domain);
}
