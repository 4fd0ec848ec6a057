using System.Text;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.Catalog;

public sealed class BookGenresTests
{
    [Fact]
    public void A_genre_tag_counts_when_it_reaches_the_share_of_the_books_main_tag()
    {
        // Shelved 'fantasy' 50,000 times and 'mystery' 1,200 times: mystery is 2.4 % of the main tag, under the 5 % rule.
        var genres = BookGenres.Default.Derive(new Dictionary<string, int> { ["fantasy"] = 50_000, ["mystery"] = 1_200, ["young-adult"] = 9_000 });

        Assert.Equal(["Fantasy"], genres);
    }

    [Fact]
    public void Reading_year_shelves_are_not_the_main_tag()
    {
        var genres = BookGenres.Default.Derive(new Dictionary<string, int> { ["2015-reads"] = 100_000, ["science-fiction"] = 400 });

        Assert.Equal(["Sci-Fi"], genres);
    }

    [Fact]
    public void A_genre_tag_applied_fewer_than_min_count_times_is_no_genre()
    {
        Assert.Empty(BookGenres.Default.Derive(new Dictionary<string, int> { ["horror"] = 19 }));
    }

    [Fact]
    public void Every_book_genre_is_a_movielens_genre_so_one_slot_serves_both_domains()
    {
        var genres = BookGenres.Default.Derive(IntentLexicon.Genres.ToDictionary(g => g.ToLowerInvariant(), _ => 100));
        var all = BookGenres.Default.Derive(new Dictionary<string, int>
        {
            ["science-fiction"] = 100, ["fantasy"] = 100, ["mystery"] = 100, ["romance"] = 100, ["horror"] = 100, ["thriller"] = 100,
            ["crime"] = 100, ["humor"] = 100, ["childrens"] = 100, ["war"] = 100, ["western"] = 100, ["adventure"] = 100,
            ["non-fiction"] = 100, ["drama"] = 100, ["noir"] = 100,
        });

        Assert.All(genres.Concat(all), g => Assert.Contains(g, IntentLexicon.Genres));
        Assert.Equal(15, all.Count);
    }

    [Fact]
    public void A_malformed_rule_file_names_the_file_and_line()
    {
        var json = "{\n  \"minCount\": 20,\n  \"minShare\": 0.05,\n  \"genres\": {\"Fantasy\": [\"fantasy\",]}\n}";

        var error = Assert.Throws<CatalogLoadException>(() => BookGenres.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "book-genres.json"));

        Assert.StartsWith("book-genres.json line 4:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loaded_books_carry_derived_genres_and_blockbusters_keep_only_their_main_ones()
    {
        var catalog = new CatalogLoader(Microsoft.Extensions.Options.Options.Create(new CatalogOptions())).Load().Catalog;
        var books = catalog.Items.Where(i => i.Domain == ItemDomain.Book).ToList();
        var potter = books.First(b => b.Title.StartsWith("Harry Potter and the Sorcerer's Stone", StringComparison.Ordinal));

        Assert.Contains("Fantasy", potter.Genres);
        Assert.DoesNotContain("Mystery", potter.Genres);
        Assert.True(books.Count(b => b.HasGenre("Sci-Fi")) > 500);
    }
}
