using System.Diagnostics;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.Intent;

[Collection(CatalogCollection.Name)]
public sealed class TitleResolverTests(CatalogFixture fixture)
{
    private string? Resolve(string title, int? year = null) => fixture.Titles.Resolve(title, year)?.Item.Id;

    [Theory]
    [InlineData("the matrix", "2571")]
    [InlineData("Matrix", "2571")]
    [InlineData("THE MATRIX", "2571")]
    [InlineData("Matrix, The", "2571")]
    public void Leading_article_and_case_are_ignored(string title, string id)
    {
        Assert.Equal(id, Resolve(title));
    }

    [Theory]
    [InlineData("Harry Potter", "book-2")]
    [InlineData("the hunger games", "book-1")]
    public void A_series_name_resolves_to_its_most_read_book(string title, string id)
    {
        Assert.Equal(id, fixture.Titles.Resolve(title, domain: ItemDomain.Book)?.Item.Id);
    }

    [Theory]
    [InlineData("hitchhiker's guide", "book-54")]
    [InlineData("Hitchhiker's Guide", "book-54")]
    public void A_series_name_only_some_books_carry_names_the_better_known_book_it_begins(string title, string id)
    {
        // "Hitchhiker's Guide" is the series of books #2 and #3 only; book #1's title begins with it.
        Assert.Equal(id, fixture.Titles.Resolve(title, domain: ItemDomain.Book)?.Item.Id);
    }

    [Fact]
    public void Missing_year_still_resolves()
    {
        Assert.Equal("6", Resolve("Heat"));
    }

    [Theory]
    [InlineData("Pulp Fictoin", "296")]
    [InlineData("Forest Gump", "356")]
    [InlineData("the matrx", "2571")]
    [InlineData("Inceptoin", "79132")]
    public void Small_typos_resolve(string title, string id)
    {
        Assert.Equal(id, Resolve(title));
    }

    [Theory]
    [InlineData("Leon the Professional", "293")]
    [InlineData("Léon: The Professional", "293")]
    [InlineData("Amélie", "4973")]
    public void Accents_and_punctuation_are_ignored(string title, string id)
    {
        Assert.Equal(id, Resolve(title));
    }

    [Theory]
    [InlineData("Se7en", "47")]
    [InlineData("Sen to Chihiro no kamikakushi", "5618")]
    [InlineData("Wo hu cang long", "3996")]
    public void Alternate_titles_resolve(string title, string id)
    {
        Assert.Equal(id, Resolve(title));
    }

    [Theory]
    [InlineData("King Kong (1933)", null, "2366")]
    [InlineData("king kong 1976", null, "2367")]
    [InlineData("King Kong", 2005, "41569")]
    [InlineData("Titanic (1953)", null, "3404")]
    public void Explicit_year_picks_among_same_named_items(string title, int? year, string id)
    {
        Assert.Equal(id, Resolve(title, year));
    }

    [Fact]
    public void Without_a_year_the_more_popular_item_wins()
    {
        var titanic = Resolve("Titanic");

        Assert.Equal("1721", titanic);
    }

    [Fact]
    public void Title_that_is_a_year_resolves_as_a_title()
    {
        var match = fixture.Titles.Resolve("2012");

        Assert.NotNull(match);
        Assert.StartsWith("2012", match.Item.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zzzz qqqq xxxx")]
    [InlineData("")]
    [InlineData("a")]
    public void Nonsense_does_not_resolve(string title)
    {
        Assert.Null(Resolve(title));
    }

    [Fact]
    public void Short_names_need_an_exact_match()
    {
        Assert.Null(Resolve("Heax"));
    }

    [Fact]
    public void Parser_passes_an_explicit_year_in_the_message()
    {
        var intent = fixture.Parser.Parse("movies like King Kong (1976)");

        Assert.Equal(["2367"], intent.SimilarTo.Select(t => t.ItemId));
        Assert.Equal((null, null), (intent.YearFrom, intent.YearTo));
    }

    [Fact]
    public async Task Concurrent_reads_agree()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Resolve("pulp fiction"))));

        Assert.All(results, id => Assert.Equal("296", id));
    }

    [Fact]
    public void Domain_preference_applies_when_names_collide()
    {
        var catalog = new ItemCatalog(
        [
            new CatalogItem("1", "Dune (1984)", "Dune", 1984, [], [], "", 10, 3, ItemDomain.Movie),
            new CatalogItem("book-1", "Dune", "Dune", 1965, [], [], "", 5, 4, ItemDomain.Book),
        ]);
        var resolver = new TitleResolver(catalog);

        Assert.Equal("1", resolver.Resolve("dune")?.Item.Id);
        Assert.Equal("book-1", resolver.Resolve("dune", domain: ItemDomain.Book)?.Item.Id);
    }
}
