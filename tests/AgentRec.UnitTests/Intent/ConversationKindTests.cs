using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.Intent;

/// <summary>
/// Which kind of item a turn asks for when it does not say (the conversation's kind, a title only one kind has, an
/// author the catalog knows), a kind turned down, and turns that only adjust the request being refinements.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class ConversationKindTests(CatalogFixture fixture)
{
    private RecommendationIntent Parse(string message, RecommendationIntent? previous = null) => fixture.Parser.Parse(message, previous);

    private RecommendationIntent Conversation(params string[] turns)
    {
        RecommendationIntent? intent = null;
        foreach (var turn in turns)
        {
            intent = Parse(turn, intent);
        }

        return intent!;
    }

    [Theory]
    [InlineData("crime novels", "scandinavian ones, like nordic noir")]
    [InlineData("推荐本书", "最近特别焦虑，想看点能让人静下心来的")]
    [InlineData("fantasy books", "hmm actually something for adults, not YA")]
    [InlineData("推荐几本科幻小说", "要经典一点的")]
    public void A_turn_that_names_no_kind_keeps_the_conversations(string first, string second)
    {
        Assert.Equal(IntentDomains.Book, Parse(first).Domain);
        Assert.Equal(IntentDomains.Book, Conversation(first, second).Domain);
    }

    [Fact]
    public void A_turn_naming_the_other_kind_switches_to_it()
    {
        var intent = Conversation("推荐几本科幻小说", "算了懒得看书，有没有科幻电影");
        Assert.Equal(IntentDomains.Movie, intent.Domain);
        Assert.Contains("Sci-Fi", intent.Genres);
        Assert.DoesNotContain("Sci-Fi", intent.ExcludeGenres);
    }

    [Theory]
    [InlineData("懒得看书，推荐点别的")]
    [InlineData("not in the mood to read, something else?")]
    public void Turning_books_down_asks_for_movies(string message) =>
        Assert.Equal(IntentDomains.Movie, Parse(message).Domain);

    [Theory]
    [InlineData("有没有科幻电影", "Sci-Fi")]
    [InlineData("有没有好看的恐怖片", "Horror")]
    public void Asking_whether_there_are_any_is_no_refusal(string message, string genre)
    {
        var intent = Parse(message);
        Assert.Contains(genre, intent.Genres);
        Assert.Empty(intent.ExcludeGenres);
    }

    [Fact]
    public void A_title_only_a_book_has_asks_for_books() =>
        Assert.Equal(IntentDomains.Book, Parse("fantasy like throne of glass?").Domain);

    [Fact]
    public void A_title_with_its_author_resolves_to_the_book_and_the_author_is_no_constraint()
    {
        var intent = Parse("Loved The Martian by Andy Weir, anything else like it?");
        Assert.Equal(IntentDomains.Book, intent.Domain);
        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.Equal("book-141", Assert.Single(intent.SimilarTo).ItemId);
        Assert.DoesNotContain("Andy Weir", intent.Keywords);
    }

    [Fact]
    public void A_turn_that_only_asks_for_better_ones_keeps_the_genre()
    {
        var intent = Conversation("今晚想看个电影", "喜剧吧", "要口碑好的，别给我推烂片");
        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Contains("Comedy", intent.Genres);
        Assert.Equal(IntentSorts.Rating, intent.Sort);
    }

    [Theory]
    [InlineData("最近特别焦虑，想看点轻松的电影")]
    [InlineData("最近压力太大了，想看部喜剧")]
    public void Lately_before_a_feeling_is_no_sort(string message) =>
        Assert.NotEqual(IntentSorts.Newest, Parse(message).Sort);

    [Fact]
    public void Lately_on_its_own_still_asks_for_the_newest() =>
        Assert.Equal(IntentSorts.Newest, Parse("最近有什么好看的电影").Sort);

    [Fact]
    public void Refusing_a_kind_of_the_genre_asked_for_keeps_the_genre()
    {
        var intent = Conversation("a few comedies for tonight", "no romantic comedies though");
        Assert.Equal(["Comedy"], intent.Genres);
        Assert.Equal(["Romance"], intent.ExcludeGenres);
    }

    [Theory]
    [InlineData("My daughter is 11 and finished all the Harry Potter books. What next?")]
    [InlineData("finished all the Harry Potter books, what should I read next?")]
    public void A_series_read_to_the_end_is_named_by_its_first_book(string message)
    {
        var intent = Parse(message);
        Assert.Equal("book-2", Assert.Single(intent.SimilarTo).ItemId);
        Assert.Equal(RecommendationIntent.DefaultCount, intent.Count);
    }

    [Fact]
    public void Less_of_a_topic_rules_it_out_and_less_of_the_genre_asked_for_keeps_the_genre()
    {
        Assert.Contains("violence", Conversation("crime films", "less violent please").AvoidKeywords);
        Assert.Equal(["Horror"], Conversation("horror movies", "less scary ones").Genres);
    }

    [Theory]
    [InlineData("sci-fi movies from 1995", "something less dark")]
    [InlineData("crime thrillers", "less gritty please")]
    [InlineData("推荐几部科幻电影", "要没那么黑暗的")]
    public void Less_of_a_feeling_rules_it_out_rather_than_asking_for_it(string first, string next)
    {
        var intent = Conversation(first, next);
        Assert.DoesNotContain("dark", intent.Keywords);
        Assert.DoesNotContain("gritty", intent.Keywords);
        Assert.True(intent.AvoidKeywords.Contains("dark") || intent.AvoidKeywords.Contains("gritty"), string.Join(", ", intent.AvoidKeywords));
        Assert.NotEmpty(intent.Genres);
    }

    [Theory]
    [InlineData("something to watch after the kids go to bed")]
    [InlineData("孩子睡了以后想看部电影")]
    [InlineData("animated movies for adults")]
    public void Time_without_the_children_or_films_for_adults_rule_out_childrens_films(string message)
    {
        var intent = Parse(message);
        Assert.DoesNotContain("Children", intent.Genres);
        Assert.Contains("Children", intent.ExcludeGenres);
    }

    [Fact]
    public void Films_with_the_kids_still_ask_for_childrens_films() =>
        Assert.Contains("Children", Parse("a movie to watch with my kids tonight").Genres);

    [Theory]
    [InlineData("老人家想看温情点的，别太血腥暴力")]
    [InlineData("不要血腥和暴力的动作片")]
    public void A_chinese_topic_right_after_one_ruled_out_is_ruled_out_too(string message)
    {
        var intent = Parse(message);
        Assert.Contains("violence", intent.AvoidKeywords);
        Assert.Contains("gore", intent.AvoidKeywords);
        Assert.DoesNotContain("violence", intent.Keywords);
    }

    [Fact]
    public void Wanting_to_read_lately_asks_for_books_not_the_newest()
    {
        var intent = Parse("最近想读点科幻，有什么推荐");
        Assert.Equal(IntentDomains.Book, intent.Domain);
        Assert.Equal(IntentSorts.Relevance, intent.Sort);
    }

    [Theory]
    [InlineData("I want to get into fantasy books, where should I start?")]
    [InlineData("想入门科幻小说，从哪开始")]
    public void Getting_into_a_genre_asks_for_its_best_known_first(string message) =>
        Assert.Equal(IntentSorts.Popularity, Parse(message).Sort);

    [Fact]
    public void Something_darker_asks_for_the_dark_mood() =>
        Assert.Contains("dark", Conversation("fantasy books", "actually something darker, for adults").Keywords);

    [Theory]
    [InlineData("我女儿十岁，喜欢看什么书好")]
    [InlineData("books for my 9 year old son")]
    [InlineData("推荐几本适合十岁孩子的书")]
    public void A_child_of_eight_or_more_asks_for_chapter_books(string message)
    {
        var intent = Parse(message);
        Assert.Contains("Children", intent.Genres);
        Assert.Contains("middle-grade", intent.Keywords);
    }

    [Theory]
    [InlineData("What order should I watch the Harry Potter movies in?", "4896")]
    [InlineData("which toy story film is the best", "1")]
    public void A_series_said_as_its_works_needs_no_cue(string message, string itemId) =>
        Assert.Equal(itemId, Assert.Single(Parse(message).SimilarTo).ItemId);

    [Theory]
    [InlineData("I love old school movies")]
    [InlineData("best of the James Bond films?")]
    [InlineData("date night movies")]
    public void Words_that_are_one_title_or_a_series_of_books_only_do_not_name_films(string message) =>
        Assert.DoesNotContain(Parse(message).SimilarTo, t => t.ItemId is not null);

    [Theory]
    [InlineData("halloween movies that aren't too scary for kids")]
    [InlineData("nothing too dark or scary, something for the family")]
    public void A_negation_belongs_to_the_genre_right_after_it_not_to_the_audience_after_that(string message)
    {
        var intent = Parse(message);
        Assert.Equal(["Children"], intent.Genres);
        Assert.Equal(["Horror"], intent.ExcludeGenres);
    }

    [Theory]
    [InlineData("something to watch while sick in bed", "heartwarming")]
    [InlineData("need something for a girls night in", "chick flick")]
    [InlineData("万圣节适合和孩子一起看的电影", "halloween")]
    public void An_occasion_stands_for_the_catalog_terms_that_suit_it(string message, string keyword) =>
        Assert.Contains(keyword, Parse(message).Keywords);

    [Theory]
    [InlineData("I just binged all the Toy Story films, what else would I like?", "1")]
    [InlineData("watched all the toy story movies, what now", "1")]
    [InlineData("loved the Godfather movies, anything similar?", "858")]
    public void A_film_series_said_as_its_films_is_named_by_its_first_film(string message, string itemId)
    {
        var intent = Parse(message);
        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.Equal(itemId, Assert.Single(intent.SimilarTo).ItemId);
    }

    [Fact]
    public void A_movie_named_earlier_becomes_its_book_once_the_conversation_asks_for_books()
    {
        var first = Parse("my 13 year old niece just devoured the hunger games");
        var intent = Parse("what should she read next?", first);
        Assert.Equal(IntentDomains.Book, intent.Domain);
        Assert.Equal("book-1", Assert.Single(intent.SimilarTo).ItemId);
    }

    [Theory]
    [InlineData("I want to finally read some of the classics. Where do I start?")]
    [InlineData("what are the greatest novels ever written?")]
    public void Reading_the_classics_asks_for_classic_books(string message)
    {
        var intent = Parse(message);
        Assert.Equal(IntentDomains.Book, intent.Domain);
        Assert.Contains("classics", intent.Keywords);
    }

    [Theory]
    [InlineData("Movies like The Notebook? I need a good romantic drama")]
    [InlineData("ive never actually watched a hitchcock film, which ones are must sees?")]
    public void An_article_counts_one_only_where_nothing_asks_for_several(string message) =>
        Assert.Equal(RecommendationIntent.DefaultCount, Parse(message).Count);

    [Fact]
    public void A_year_bound_after_like_is_no_title()
    {
        var intent = Parse("old war movies, like pre-1970");
        Assert.Empty(intent.SimilarTo);
        Assert.Equal(1969, intent.YearTo);
    }

    [Theory]
    [InlineData("back to the future trilogy - what order do i watch them in?", "1270")]
    [InlineData("is the hunger games series worth reading?", "book-1")]
    public void A_series_said_with_its_noun_names_its_first_work(string message, string itemId) =>
        Assert.Equal(itemId, Assert.Single(Parse(message).SimilarTo).ItemId);

    [Fact]
    public void A_year_with_a_bound_after_like_is_a_range_not_a_title()
    {
        var intent = Conversation("heist movies!", "something more recent tho, like 2010 or later");

        Assert.Empty(intent.SimilarTo);
        Assert.Equal(2010, intent.YearFrom);
        Assert.Contains("heist", intent.Keywords);
    }

    [Fact]
    public void Liking_a_genre_very_much_is_no_refusal_of_it()
    {
        var intent = Parse("想送男朋友一本书当生日礼物，他特别喜欢科幻，送哪本好");

        Assert.Contains("Sci-Fi", intent.Genres);
        Assert.DoesNotContain("Sci-Fi", intent.ExcludeGenres);
        Assert.Equal(1, intent.Count);
    }

    [Fact]
    public void Reading_alone_is_no_count_and_spine_chilling_is_horror()
    {
        var intent = Parse("想看点让人毛骨悚然的书，晚上一个人读的那种");

        Assert.Contains("Horror", intent.Genres);
        Assert.Equal(RecommendationIntent.DefaultCount, intent.Count);
    }
}
