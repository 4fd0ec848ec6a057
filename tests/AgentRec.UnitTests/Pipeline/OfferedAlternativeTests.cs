using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>
/// Requests that offer an alternative to a name the catalog lacks, say a series is done, or ask for a series in both
/// kinds: the whole pipeline over the real catalog.
/// </summary>
public sealed class OfferedAlternativeTests : LexicalPipelineTest
{
    [Fact]
    public async Task An_unknown_author_with_an_alternative_offered_answers_the_rest_and_says_so()
    {
        var response = await ConverseAsync("do you have anything by Marisol Quennell? she writes those historical romances set in scotland. or similar ones if not");

        Assert.Equal(IntentDomains.Book, response.Intent!.Domain);
        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.Contains("Romance", ItemOf(i).Genres));
        Assert.StartsWith("I don't know anyone called Marisol Quennell, so here is what fits the rest", response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_chinese_author_with_an_alternative_offered_answers_the_rest()
    {
        var response = await ConverseAsync("有个作家叫林语墨，写江南水乡那种言情的，你们这有吗？没有的话推荐类似的也行");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.Equal(ItemDomain.Book, ItemOf(i).Domain));
        Assert.StartsWith("目录里没有找到“林语墨”，按你说的推荐类似的。", response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refinement_of_a_request_with_an_alternative_keeps_answering_the_rest()
    {
        var response = await ConverseAsync(
            "hey, anything good by Ottoline Varga? or something like her mysteries if you don't have her", "only the older ones please");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.Contains("Mystery", ItemOf(i).Genres));
        Assert.Contains("Ottoline Varga", response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Why_one_of_an_answer_given_for_the_rest_of_the_request_explains_it_without_the_name_not_found()
    {
        var first = await ConverseAsync("do you have anything by Marisol Quennell? she writes those historical romances set in scotland. or similar ones if not");
        var response = await ConverseAsync(
            "do you have anything by Marisol Quennell? she writes those historical romances set in scotland. or similar ones if not", "why the first one?");

        Assert.Equal([first.Items[0].ItemId], response.Items.Select(i => i.ItemId));
        Assert.DoesNotContain("Marisol Quennell", response.Explanation, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("None is tagged", response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_without_an_alternative_still_gets_nothing()
    {
        var response = await ConverseAsync("have u got anything by the director Radomir Kestelvane?");

        Assert.Empty(response.Items);
        Assert.Contains("Radomir Kestelvane", response.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("i tore through all 3 hunger games books in like a week. need my next fix", "The Hunger Games")]
    [InlineData("finished mistborn (the first three) and im kinda lost now, what do i read next", "Mistborn")]
    public async Task A_book_series_done_with_is_left_out(string message, string series)
    {
        var response = await ConverseAsync(message);

        Assert.Equal(RecommendationIntent.DefaultCount, response.Intent!.Count);
        Assert.DoesNotContain(response.Intent.SimilarTo, t => t.ItemId is null);
        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => BookSeries.Of(ItemOf(i).Title) == series);
    }

    [Fact]
    public async Task A_film_trilogy_binged_asks_for_others_in_the_next_turn_too()
    {
        var response = await ConverseAsync("指环王三部曲刚刷完，太好看了！！", "接下来看啥？");

        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => i.Title.Contains("Lord of the Rings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authors_read_already_in_a_list_are_left_out()
    {
        var response = await ConverseAsync("有没有小众一点的科幻小说，冷门好书那种，大刘阿西莫夫这些都看过了");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i =>
        {
            Assert.DoesNotContain("Isaac Asimov", ItemOf(i).Creators);
            Assert.DoesNotContain("Liu Cixin", ItemOf(i).Creators);
        });
    }

    [Theory]
    [InlineData("哈利波特系列，书和电影都要")]
    [InlineData("lord of the rings stuff — books, films, i want all of it")]
    public async Task A_series_asked_for_in_both_kinds_brings_its_books_and_its_films(string message)
    {
        var response = await ConverseAsync(message);

        Assert.Contains(response.Items, i => ItemOf(i).Domain == ItemDomain.Book);
        Assert.Contains(response.Items, i => ItemOf(i).Domain == ItemDomain.Movie);
        Assert.All(response.Items, i => Assert.True(
            i.Title.Contains("Harry Potter", StringComparison.Ordinal) || i.Title.Contains("Lord of the Rings", StringComparison.Ordinal)
            || BookSeries.Of(ItemOf(i).Title) is "Harry Potter" or "The Lord of the Rings", i.Title));
    }

    [Fact]
    public async Task A_companion_never_answers_a_request_for_books()
    {
        var response = await ConverseAsync("underrated fantasy books pls, NOT the mega famous ones everyone has read");

        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => i.Title.Contains("Sheet Music", StringComparison.OrdinalIgnoreCase)
            || i.Title.Contains("Pop-Up", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_family_with_young_and_old_gets_family_comedies()
    {
        var response = await ConverseAsync("过年一大家子聚一起，有老有小，放个啥电影大家都能看？最好搞笑一点");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.Contains("Children", ItemOf(i).Genres));
    }

    [Fact]
    public async Task An_open_request_for_a_book_with_free_time_gets_well_known_books()
    {
        var response = await ConverseAsync("ok so i finally have some free time lol. what should i read, anything really");

        Assert.Equal(RecommendationIntent.DefaultCount, response.Intent!.Count);
        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => i.Title.Contains("Free", StringComparison.OrdinalIgnoreCase));
    }
}
