using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>The whole pipeline (rules, lexical retrieval, the real catalog) asked which works make up a series.</summary>
public sealed class SeriesMembersTests : LexicalPipelineTest
{
    [Theory]
    [InlineData("哈利·波特系列全套是哪几本？")]
    [InlineData("what order should I read the harry potter books in?")]
    public async Task A_series_asked_about_answers_with_its_books_in_their_order_the_named_one_first(string message)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        var series = response!.Items.Take(7).ToList();
        Assert.All(series, i => Assert.StartsWith("Harry Potter", i.Title, StringComparison.Ordinal));
        Assert.Equal(7, series.Select(i => i.Title).Distinct().Count());
        Assert.StartsWith("Harry Potter and the Sorcerer's Stone", series[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("Harry Potter and the Deathly Hallows", series[6].Title, StringComparison.Ordinal);
        Assert.Equal(series.Select(i => i.Year).Order(), series.Select(i => i.Year));
    }

    [Theory]
    [InlineData("What order should I watch the Harry Potter movies in?", "Harry Potter", 8)]
    [InlineData("lord of the rings movies in order", "Lord of the Rings", 3)]
    [InlineData("which toy story film is the best", "Toy Story", 3)]
    public async Task A_film_series_asked_about_answers_with_its_films_and_no_film_that_only_starts_alike(string message, string series, int atLeast)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.True(response!.Items.Count >= atLeast, string.Join(", ", response.Items.Select(i => i.Title)));
        Assert.All(response.Items, i => Assert.Contains(series, i.Title, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("哈利·波特系列全套是哪几本？", true)]
    [InlineData("in what order should I watch the star wars films", true)]
    [InlineData("books like the harry potter series", false)]
    [InlineData("哈利波特那种的书有哪几本", false)]
    [InlineData("just finished all the harry potter books in order, what next?", false)]
    public void A_question_about_a_series_members_is_told_from_a_request_for_works_like_it(string message, bool members)
    {
        Assert.Equal(members, AnswerShape.AsksForMembers(message));
    }

    [Theory]
    [InlineData("finished the first mistborn book, which one do i read next?", "The Well of Ascension")]
    [InlineData("just read The Final Empire, what's the next book in the series?", "The Well of Ascension")]
    [InlineData("看完了第一部玩具总动员，下一部是哪部", "Toy Story 2")]
    public async Task The_next_work_of_a_series_comes_first_when_asked_for(string message, string next)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        Assert.StartsWith(next, response.Items[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_who_only_say_which_film_is_meant_are_no_constraint()
    {
        var (response, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "Heat is one of my all time faves (the pacino / de niro one). anything in that vein? cops vs crooks, serious tone" },
            CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("6", Assert.Single(response!.Intent!.SimilarTo).ItemId);
        Assert.True(response.Items.Count >= 5, string.Join(", ", response.Items.Select(i => i.Title)));
    }

    [Theory]
    [InlineData("finished the first mistborn book, which one do i read next?", "The Well of Ascension")]
    [InlineData("看完了第一部玩具总动员，下一部是哪部", "Toy Story 2")]
    public async Task The_next_work_asked_for_as_one_is_the_whole_answer(string message, string next)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(1, response!.Intent!.Count);
        Assert.StartsWith(next, Assert.Single(response.Items).Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("冰与火之歌一共几本？阅读顺序是啥", "A Game of Thrones", "A Dance with Dragons", 5)]
    [InlineData("纳尼亚传奇应该按什么顺序看，一共几本？", "The Lion, the Witch, and the Wardrobe", "The Last Battle", 7)]
    public async Task How_many_works_a_series_has_is_answered_with_all_of_them(string message, string first, string last, int books)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(books, response!.Items.Count);
        Assert.StartsWith(first, response.Items[0].Title, StringComparison.Ordinal);
        Assert.Contains(response.Items, i => i.Title.StartsWith(last, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_follow_up_asking_how_many_more_lists_the_series_not_only_unseen_titles()
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "加勒比海盗第一部刷完了，好看！" }, CancellationToken.None);
        var (two, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "后面还有几部？按顺序说说", ConversationId = one!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Contains(two!.Items, i => i.Title.StartsWith("Pirates of the Caribbean: Dead Man's Chest", StringComparison.Ordinal));
        Assert.Contains(two.Items, i => i.Title.StartsWith("Pirates of the Caribbean: At World's End", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Which_ones_come_after_the_first_one_lists_the_rest_of_the_series()
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "my dad is weirdly obsessed with rocky lately" }, CancellationToken.None);
        var (two, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "ok which ones come after the first one?", ConversationId = one!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.True(two!.Items.Count >= 4, string.Join(", ", two.Items.Select(i => i.Title)));
        Assert.StartsWith("Rocky II", two.Items[0].Title, StringComparison.Ordinal);
        Assert.All(two.Items, i => Assert.DoesNotContain("Horror", i.Title, StringComparison.Ordinal));
        Assert.DoesNotContain(two.Items, i => i.Year == 1976);
    }

    [Fact]
    public async Task And_after_that_asks_for_the_work_after_the_one_just_given()
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "finished the first mistborn book, which one do i read next?" }, CancellationToken.None);
        var (two, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "and after that?", ConversationId = one!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.StartsWith("The Well of Ascension", Assert.Single(one.Items).Title, StringComparison.Ordinal);
        Assert.StartsWith("The Hero of Ages", Assert.Single(two!.Items).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_one_asks_for_a_title_not_shown_yet()
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "推荐一部评分高的科幻电影" }, CancellationToken.None);
        var (two, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "换一部", ConversationId = one!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEqual(Assert.Single(one.Items).ItemId, Assert.Single(two!.Items).ItemId);
    }
}
