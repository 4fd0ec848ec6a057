using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.Intent;

[Collection(CatalogCollection.Name)]
public sealed class RuleIntentParserTests(CatalogFixture fixture)
{
    private RecommendationIntent Parse(string message, RecommendationIntent? previous = null) => fixture.Parser.Parse(message, previous);

    [Theory]
    [InlineData("I already watched Heat", "6")]
    [InlineData("movies like Heat", "6")]
    [InlineData("books like Heat", "book-4907")]
    public void Titles_shared_by_a_movie_and_a_book_resolve_to_the_movie_unless_books_are_asked_for(string message, string itemId)
    {
        Assert.Equal(itemId, Assert.Single(Parse(message).SimilarTo).ItemId);
    }

    [Theory]
    [InlineData("recommend some sci-fi movies", "Sci-Fi")]
    [InlineData("any good sci fi?", "Sci-Fi")]
    [InlineData("scifi please", "Sci-Fi")]
    [InlineData("Science Fiction films", "Sci-Fi")]
    [InlineData("推荐几部科幻电影", "Sci-Fi")]
    [InlineData("something scary", "Horror")]
    [InlineData("恐怖片", "Horror")]
    [InlineData("cartoons for tonight", "Animation")]
    [InlineData("动画片推荐", "Animation")]
    [InlineData("movies for kids", "Children")]
    [InlineData("a family movie", "Children")]
    [InlineData("适合儿童看的电影", "Children")]
    [InlineData("DOCUMENTARIES", "Documentary")]
    [InlineData("a good noir", "Film-Noir")]
    [InlineData("film noir classics", "Film-Noir")]
    [InlineData("some thrilers", "Thriller")]
    [InlineData("westerns", "Western")]
    [InlineData("战争片", "War")]
    [InlineData("悬疑电影", "Mystery")]
    [InlineData("funny movies", "Comedy")]
    [InlineData("喜剧", "Comedy")]
    public void Genre_synonyms_map_to_catalog_genre_names(string message, string genre)
    {
        Assert.Equal([genre], Parse(message).Genres);
    }

    [Theory]
    [InlineData("a romcom for date night")]
    [InlineData("romantic comedies")]
    [InlineData("浪漫喜剧")]
    public void Romcom_means_romance_and_comedy(string message)
    {
        Assert.Equal(["Comedy", "Romance"], Parse(message).Genres.Order());
    }

    [Theory]
    [InlineData("animated movies for kids", new[] { "Animation", "Children" })]
    [InlineData("crime dramas", new[] { "Crime", "Drama" })]
    [InlineData("科幻动作片", new[] { "Action", "Sci-Fi" })]
    public void Several_genres_are_all_kept(string message, string[] genres)
    {
        Assert.Equal(genres, Parse(message).Genres.Order());
    }

    [Theory]
    [InlineData("nothing like horror", "Horror")]
    [InlineData("a comedy, no horror", "Horror")]
    [InlineData("something not scary", "Horror")]
    [InlineData("a drama without romance", "Romance")]
    [InlineData("anything but westerns", "Western")]
    [InlineData("I don't want anything scary", "Horror")]
    [InlineData("不要恐怖片", "Horror")]
    [InlineData("别太恐怖的电影", "Horror")]
    [InlineData("我不喜欢爱情片", "Romance")]
    [InlineData("刚分手，千万别推爱情片", "Romance")]
    [InlineData("non-horror thrillers", "Horror")]
    public void Negated_genres_are_excluded(string message, string genre)
    {
        var intent = Parse(message);

        Assert.Contains(genre, intent.ExcludeGenres);
        Assert.DoesNotContain(genre, intent.Genres);
    }

    [Fact]
    public void Negation_covers_genres_joined_by_or()
    {
        var intent = Parse("a thriller with no horror or romance");

        Assert.Equal(["Thriller"], intent.Genres);
        Assert.Equal(["Horror", "Romance"], intent.ExcludeGenres.Order());
    }

    [Fact]
    public void Negation_stops_at_but()
    {
        var intent = Parse("no horror but a comedy");

        Assert.Equal(["Comedy"], intent.Genres);
        Assert.Equal(["Horror"], intent.ExcludeGenres);
    }

    [Theory]
    [InlineData("comedies from the 90s", 1990, 1999)]
    [InlineData("1990s thrillers", 1990, 1999)]
    [InlineData("movies from the '80s", 1980, 1989)]
    [InlineData("90年代的电影", 1990, 1999)]
    [InlineData("八十年代的动作片", 1980, 1989)]
    [InlineData("nineties romance", 1990, 1999)]
    [InlineData("2000s comedies", 2000, 2009)]
    [InlineData("early 2010s dramas", 2010, 2013)]
    public void Decade_becomes_inclusive_year_range(string message, int from, int to)
    {
        var intent = Parse(message);

        Assert.Equal((from, to), (intent.YearFrom, intent.YearTo));
    }

    [Theory]
    [InlineData("movies from 2005", 2005, 2005)]
    [InlineData("sci-fi from 2003", 2003, 2003)]
    [InlineData("films from 2003 on", 2003, null)]
    [InlineData("books from 2005 onwards", 2005, null)]
    [InlineData("thrillers since 2005", 2005, null)]
    [InlineData("2005年以后的电影", 2005, null)]
    [InlineData("films made before 1980", null, 1979)]
    [InlineData("1980年以前的电影", null, 1979)]
    [InlineData("westerns after 2010", 2011, null)]
    [InlineData("movies in 1999", 1999, 1999)]
    [InlineData("1999年的电影", 1999, 1999)]
    [InlineData("a horror film from 1999", 1999, 1999)]
    [InlineData("films between 1990 and 1995", 1990, 1995)]
    [InlineData("movies from 1990 to 1995", 1990, 1995)]
    [InlineData("2000年到2010年的科幻片", 2000, 2010)]
    [InlineData("pre-2000 comedies", null, 1999)]
    [InlineData("movies from the 80s and 90s", 1980, 1999)]
    [InlineData("2010 onwards", 2010, null)]
    public void Year_rules_give_inclusive_bounds(string message, int? from, int? to)
    {
        var intent = Parse(message);

        Assert.Equal((from, to), (intent.YearFrom, intent.YearTo));
    }

    [Theory]
    [InlineData("sci-fi movies from the last 10 years", 2016, null)]
    [InlineData("thrillers of the past decade", 2016, null)]
    [InlineData("comedies from the last few years", 2021, null)]
    [InlineData("books from the past two decades", 2006, null)]
    [InlineData("近十年的科幻电影", 2016, null)]
    [InlineData("最近三年的小说", 2023, null)]
    [InlineData("any good thrillers from the last few years? like 2015 onwards", 2015, null)]
    [InlineData("最好是近几年的，2010年之后上映的", 2010, null)]
    [InlineData("been reading fantasy for the last 10 years, what next?", null, null)]
    [InlineData("best movies from last year", null, null)]
    public void Spans_back_from_now_begin_that_many_years_before_this_year(string message, int? from, int? to)
    {
        var parser = new RuleIntentParser(time: new FixedClock(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)));

        var intent = parser.Parse(message);

        Assert.Equal((from, to), (intent.YearFrom, intent.YearTo));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void No_year_means_open_range()
    {
        var intent = Parse("good comedies");

        Assert.Equal((null, null), (intent.YearFrom, intent.YearTo));
    }

    [Theory]
    [InlineData("highly rated dramas", "rating")]
    [InlineData("top-rated thrillers", "rating")]
    [InlineData("the best war films", "rating")]
    [InlineData("top 5 comedies", "rating")]
    [InlineData("top 5 newest thrillers", "newest")]
    [InlineData("top 10 most popular westerns", "popularity")]
    [InlineData("critically acclaimed movies", "rating")]
    [InlineData("评分高的电影", "rating")]
    [InlineData("高分科幻片", "rating")]
    [InlineData("popular thrillers", "popularity")]
    [InlineData("热门电影", "popularity")]
    [InlineData("a movie everyone has seen", "popularity")]
    [InlineData("hidden gem romance novels? not the big bestsellers everyone already read", "relevance")]
    [InlineData("latest comedies", "newest")]
    [InlineData("我想看一部关于太空的电影，不要太老的", "newest")]
    [InlineData("a space movie, nothing too old", "newest")]
    [InlineData("recent sci-fi", "newest")]
    [InlineData("最新的电影", "newest")]
    [InlineData("good comedies", "relevance")]
    [InlineData("好看的电影", "relevance")]
    [InlineData("not too popular dramas", "relevance")]
    public void Sort_follows_the_words_used(string message, string sort)
    {
        Assert.Equal(sort, Parse(message).Sort);
    }

    [Theory]
    [InlineData("five comedies", 5)]
    [InlineData("I want 7 thrillers", 7)]
    [InlineData("top 10 movies", 10)]
    [InlineData("3 picks please", 3)]
    [InlineData("a comedy", 1)]
    [InlineData("an animated film", 1)]
    [InlineData("one movie for tonight", 1)]
    [InlineData("推荐一部电影", 1)]
    [InlineData("a couple of dramas", 2)]
    [InlineData("两部喜剧", 2)]
    [InlineData("a few westerns", 3)]
    [InlineData("some comedies", 3)]
    [InlineData("several thrillers", 3)]
    [InlineData("几部动作片", 3)]
    [InlineData("一些科幻片", 3)]
    [InlineData("五部爱情片", 5)]
    [InlineData("comedies", 10)]
    [InlineData("give me twenty five movies", 25)]
    [InlineData("show me 500 movies", 50)]
    [InlineData("0 movies", 1)]
    [InlineData("something funny, not a romance, from the 2000s", 10)]
    [InlineData("comedies without a love story", 10)]
    [InlineData("a thriller, not a horror movie", 1)]
    [InlineData("a big epic fantasy series to sink into", 10)]
    [InlineData("actually make it a book", 10)]
    [InlineData("war movies about world war 2", 10)]
    [InlineData("something to read for the next few months", 10)]
    [InlineData("a couple of days off, five comedies please", 5)]
    [InlineData("想看燃一点的片子", 10)]
    [InlineData("推荐一点轻松的电影", 3)]
    [InlineData("冰与火之歌一共几本？", 10)]
    [InlineData("后面还有几部？按顺序说说", 10)]
    [InlineData("还有几部好看的科幻片吗", 3)]
    [InlineData("推荐本书", 1)]
    [InlineData("family movie night tonight with my 6 and 9 year olds, what should we put on?", 10)]
    [InlineData("来部电影", 1)]
    [InlineData("推荐点奇幻小说", 3)]
    [InlineData("推荐点评高的电影", 10)]
    public void Count_comes_from_words_or_digits_and_is_clamped(string message, int count)
    {
        Assert.Equal(count, Parse(message).Count);
    }

    [Fact]
    public void Years_are_not_mistaken_for_counts()
    {
        var intent = Parse("movies from 1999");

        Assert.Equal(10, intent.Count);
    }

    [Theory]
    [InlineData("fantasy books, not YA", "young-adult")]
    [InlineData("fantasy books, nothing young adult", "young-adult")]
    [InlineData("推荐点奇幻小说，不要青少年向的", "young-adult")]
    [InlineData("zombie movies but nothing gory", "gore")]
    [InlineData("恐怖片，不要血腥的", "gore")]
    [InlineData("战争片，不要二战的", "world war ii")]
    [InlineData("books for someone who loved The Hunger Games but wants something more adult", "young-adult")]
    public void A_topic_ruled_out_is_avoided_not_asked_for(string message, string topic)
    {
        var intent = Parse(message);

        Assert.Contains(topic, intent.AvoidKeywords);
        Assert.DoesNotContain(topic, intent.Keywords);
    }

    [Theory]
    [InlineData("sci-fi novels by women authors", "female-author")]
    [InlineData("推荐几本女作家写的科幻小说", "female-author")]
    [InlineData("scandinavian crime novels", "Scandinavia")]
    [InlineData("good gangster movies", "mafia")]
    [InlineData("我想看心理恐怖、氛围感强的那种", "psychological")]
    [InlineData("想看科普书，讲宇宙或者物理的", "physics")]
    [InlineData("教父三部曲看完了 想找类似的黑帮片", "mafia")]
    public void A_topic_of_who_wrote_it_or_where_it_comes_from_is_a_keyword(string message, string topic)
    {
        Assert.Contains(topic, Parse(message).Keywords);
    }

    [Theory]
    [InlineData("book for my 10 year old who loves adventure stories", "Children")]
    [InlineData("My daughter is 11 and finished all the Harry Potter books. What next?", "Children")]
    [InlineData("给8岁的孩子推荐几本书", "Children")]
    [InlineData("family movie night with my 6 and 9 year olds", "Children")]
    public void A_child_the_request_is_for_asks_for_childrens_titles(string message, string genre)
    {
        Assert.Contains(genre, Parse(message).Genres);
    }

    [Theory]
    [InlineData("my 15 year old wants some fantasy books", true)]
    [InlineData("a thriller for my 40 year old brother", false)]
    [InlineData("movies for my 15 year old", false)]
    public void A_teenager_the_request_is_for_asks_for_young_adult_books(string message, bool youngAdult)
    {
        var intent = Parse(message);

        Assert.Equal(youngAdult, intent.Keywords.Contains("young-adult"));
        Assert.DoesNotContain("Children", intent.Genres);
    }

    [Theory]
    [InlineData("hard sci-fi recommendations? I like when the science actually holds up", "book")]
    [InlineData("hard sci-fi movies", "movie")]
    [InlineData("just finished gone girl, another twisty thriller like that?", "book")]
    [InlineData("just finished Inception, what next?", "movie")]
    [InlineData("an epic fantasy series to sink into", "book")]
    [InlineData("just finished the hobbit, what should I watch next?", "movie")]
    public void Finishing_or_sinking_into_leans_to_books_only_when_nothing_else_says_which_kind(string message, string domain)
    {
        Assert.Equal(domain, Parse(message).Domain);
    }

    [Theory]
    [InlineData("fantasy novels", "book")]
    [InlineData("books about space", "book")]
    [InlineData("推荐几本科幻小说", "book")]
    [InlineData("有什么好书", "book")]
    [InlineData("movies or books about time travel", "any")]
    [InlineData("a good movie", "movie")]
    [InlineData("something fun", "movie")]
    public void Domain_follows_item_nouns(string message, string domain)
    {
        Assert.Equal(domain, Parse(message).Domain);
    }

    [Theory]
    [InlineData("movies about time travel", "time travel")]
    [InlineData("a heist movie", "heist")]
    [InlineData("films about space", "space")]
    [InlineData("关于时间旅行的电影", "time travel")]
    [InlineData("movies about a lonely lighthouse keeper", "lonely lighthouse keeper")]
    public void Topics_that_are_not_genres_become_keywords(string message, string keyword)
    {
        var intent = Parse(message);

        Assert.Contains(keyword, intent.Keywords);
        Assert.Empty(intent.Genres);
    }

    [Theory]
    [InlineData("Movies like Heat", "6")]
    [InlineData("something similar to the matrix", "2571")]
    [InlineData("films such as Pulp Fiction", "296")]
    [InlineData("as good as toy story", "1")]
    [InlineData("if I liked Inception what else would I like?", "79132")]
    [InlineData("类似盗梦空间的电影", "79132")]
    [InlineData("像《黑客帝国》那样的电影", "2571")]
    [InlineData("movies like \"Heat\"", "6")]
    [InlineData("more movies like pulp fiktion", "296")]
    public void Named_titles_make_a_similar_request(string message, string itemId)
    {
        var intent = Parse(message);

        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.Equal([itemId], intent.SimilarTo.Select(t => t.ItemId));
    }

    [Fact]
    public void Several_titles_are_all_resolved()
    {
        var intent = Parse("movies like Heat and Pulp Fiction");

        Assert.Equal(["296", "6"], intent.SimilarTo.Select(t => t.ItemId!).Order());
    }

    [Fact]
    public void Resolved_title_carries_the_raw_catalog_title()
    {
        var reference = Assert.Single(Parse("movies like heat").SimilarTo);

        Assert.Equal(new TitleReference("Heat (1995)", "6"), reference);
    }

    [Fact]
    public void Unknown_title_is_kept_unresolved_with_the_users_words()
    {
        var reference = Assert.Single(Parse("movies like Zzyzx Qwertyuiop").SimilarTo);

        Assert.Equal(new TitleReference("Zzyzx Qwertyuiop", null), reference);
    }

    [Fact]
    public void Title_words_are_not_read_as_genres()
    {
        var intent = Parse("movies like Star Wars");

        Assert.Empty(intent.Genres);
        Assert.Single(intent.SimilarTo);
    }

    [Fact]
    public void Genres_and_titles_combine()
    {
        var intent = Parse("recommend two crime dramas like Pulp Fiction");

        Assert.Equal((IntentActions.Similar, 2), (intent.Action, intent.Count));
        Assert.Equal(["Crime", "Drama"], intent.Genres.Order());
    }

    [Theory]
    [InlineData("I'd like a comedy")]
    [InlineData("I like comedies")]
    [InlineData("I feel like watching something funny")]
    public void Like_as_a_verb_is_not_a_title_cue(string message)
    {
        var intent = Parse(message);

        Assert.Empty(intent.SimilarTo);
        Assert.Equal(["Comedy"], intent.Genres);
    }

    [Theory]
    [InlineData("I loved Inception", "79132")]
    [InlineData("I really hated Titanic", "1721")]
    [InlineData("我喜欢盗梦空间", "79132")]
    public void Statements_about_a_title_are_feedback(string message, string itemId)
    {
        var intent = Parse(message);

        Assert.Equal(IntentActions.Feedback, intent.Action);
        Assert.Equal([itemId], intent.SimilarTo.Select(t => t.ItemId));
    }

    [Theory]
    [InlineData("Why did you suggest The Matrix?", "2571")]
    [InlineData("why did you recommend heat", "6")]
    public void Why_questions_are_explain(string message, string itemId)
    {
        var intent = Parse(message);

        Assert.Equal(IntentActions.Explain, intent.Action);
        Assert.Equal([itemId], intent.SimilarTo.Select(t => t.ItemId));
    }

    [Theory]
    [InlineData("why these?")]
    [InlineData("为什么推荐这些")]
    [InlineData("explain your picks")]
    public void Why_without_a_title_is_explain(string message)
    {
        Assert.Equal(IntentActions.Explain, Parse(message).Action);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("thanks a lot")]
    [InlineData("thank you!")]
    [InlineData("你好")]
    [InlineData("谢谢！")]
    [InlineData("")]
    [InlineData("   ")]
    public void Greetings_and_thanks_are_smalltalk(string message)
    {
        Assert.Equal(IntentActions.Smalltalk, Parse(message).Action);
    }

    [Theory]
    [InlineData("hi, recommend a comedy")]
    [InlineData("hello, any good thrillers?")]
    public void Greeting_with_a_request_is_a_request(string message)
    {
        Assert.Equal(IntentActions.Recommend, Parse(message).Action);
    }

    [Fact]
    public void Refine_newer_keeps_previous_fields_and_sorts_by_newest()
    {
        var previous = Parse("5 sci-fi movies without horror");

        var intent = Parse("something newer", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Equal(["Sci-Fi"], intent.Genres);
        Assert.Equal(["Horror"], intent.ExcludeGenres);
        Assert.Equal((IntentSorts.Newest, 5), (intent.Sort, intent.Count));
    }

    [Fact]
    public void Refine_only_comedies_adds_the_genre()
    {
        var previous = Parse("movies from the 90s");

        var intent = Parse("only comedies from that list", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Equal(["Comedy"], intent.Genres);
        Assert.Equal((1990, 1999), (intent.YearFrom, intent.YearTo));
    }

    [Fact]
    public void Refine_more_like_an_earlier_pick_keeps_the_anchor()
    {
        var previous = Parse("movies like Heat");

        var intent = Parse("more like the second one", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Equal(["6"], intent.SimilarTo.Select(t => t.ItemId));
    }

    [Fact]
    public void Chinese_refine_asks_for_newer_items()
    {
        var previous = Parse("推荐几部90年代的动作片");

        var intent = Parse("换几部新一点的", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Equal(["Action"], intent.Genres);
        Assert.Equal((IntentSorts.Newest, 3), (intent.Sort, intent.Count));
    }

    [Fact]
    public void Chinese_more_is_refine()
    {
        var previous = Parse("科幻电影");

        var intent = Parse("更多", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Equal(["Sci-Fi"], intent.Genres);
    }

    [Fact]
    public void Refine_with_new_count_and_year_overrides_them()
    {
        var previous = Parse("10 comedies from the 90s");

        var intent = Parse("just 3, and from the 80s instead", previous);

        Assert.Equal((3, 1980, 1989), (intent.Count, intent.YearFrom, intent.YearTo));
        Assert.Equal(["Comedy"], intent.Genres);
    }

    [Theory]
    [InlineData("only ones after 1995", 1996, 1999)]
    [InlineData("just the ones before 1995", 1990, 1994)]
    [InlineData("要1995年以后的", 1995, 1999)]
    [InlineData("newer ones, after 2005", 2006, null)]
    [InlineData("what about the 80s", 1980, 1989)]
    public void A_bound_on_one_side_narrows_the_years_it_overlaps_and_replaces_others(string refinement, int? from, int? to)
    {
        var previous = Parse("comedies from the 90s");

        var intent = Parse(refinement, previous);

        Assert.Equal((from, to), (intent.YearFrom, intent.YearTo));
    }

    [Fact]
    public void Refine_excluding_a_genre_removes_it_from_genres()
    {
        var previous = Parse("horror or comedy");

        var intent = Parse("no horror though", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.DoesNotContain("Horror", intent.Genres);
        Assert.Contains("Horror", intent.ExcludeGenres);
    }

    [Fact]
    public void A_new_full_request_after_a_previous_one_is_not_a_refine()
    {
        var previous = Parse("comedies");

        var intent = Parse("recommend some horror movies", previous);

        Assert.Equal(IntentActions.Recommend, intent.Action);
        Assert.Equal(["Horror"], intent.Genres);
    }

    [Fact]
    public void Mixed_language_request_is_understood()
    {
        var intent = Parse("推荐 5 部 sci-fi movies from the 90s");

        Assert.Equal(["Sci-Fi"], intent.Genres);
        Assert.Equal((1990, 1999, 5), (intent.YearFrom, intent.YearTo, intent.Count));
    }

    [Theory]
    [InlineData("RECOMMEND A HIGHLY RATED SCI-FI MOVIE!!!")]
    [InlineData("recomend a highly rated scifi moive")]
    [InlineData("  recommend\ta  highly-rated  sci fi movie ")]
    public void Case_spacing_and_typos_do_not_matter(string message)
    {
        var intent = Parse(message);

        Assert.Equal((IntentActions.Recommend, IntentSorts.Rating, 1), (intent.Action, intent.Sort, intent.Count));
        Assert.Equal(["Sci-Fi"], intent.Genres);
    }

    [Fact]
    public void Null_message_throws()
    {
        Assert.Throws<ArgumentNullException>(() => Parse(null!));
    }

    [Fact]
    public async Task Huge_and_control_character_input_parses()
    {
        var huge = string.Concat(Enumerable.Repeat("comedy \u0000\u0007\uD800 like heat ", 20_000));

        var intent = await fixture.Parser.ParseAsync(huge, null, CancellationToken.None);

        Assert.InRange(intent.Count, 1, 50);
    }
    [Fact]
    public void Refine_instead_replaces_the_genres()
    {
        var previous = Parse("comedies from the 90s");

        var intent = Parse("how about dramas instead", previous);

        Assert.Equal(IntentActions.Refine, intent.Action);
        Assert.Equal(["Drama"], intent.Genres);
        Assert.Equal((1990, 1999), (intent.YearFrom, intent.YearTo));
        Assert.Empty(intent.Keywords);
    }

    [Theory]
    [InlineData("more please")]
    [InlineData("one more")]
    [InlineData("show me more like the first one")]
    [InlineData("再来几部")]
    public void Follow_up_phrases_are_refine_even_without_a_previous_intent(string message)
    {
        Assert.Equal(IntentActions.Refine, Parse(message).Action);
    }

    [Fact]
    public void Words_after_a_title_are_not_read_as_another_title()
    {
        var intent = Parse("I just watched The Godfather and loved it");

        Assert.Equal(IntentActions.Feedback, intent.Action);
        Assert.Equal(["858"], intent.SimilarTo.Select(t => t.ItemId));
    }

    [Fact]
    public void Chinese_negation_does_not_spread_over_de()
    {
        var intent = Parse("我想看一部不太恐怖的惊悚片");

        Assert.Equal(["Thriller"], intent.Genres);
        Assert.Equal(["Horror"], intent.ExcludeGenres);
        Assert.Equal(1, intent.Count);
    }

    [Fact]
    public void Title_head_resolves_to_the_popular_film()
    {
        var intent = Parse("movies like the lord of the rings");

        Assert.Equal(["4993"], intent.SimilarTo.Select(t => t.ItemId));
    }

    [Fact]
    public void A_mood_said_in_a_book_conversation_takes_the_book_shelves_words_and_no_plays()
    {
        var first = Parse("推荐本书");

        var next = Parse("最近特别焦虑，想看点能让人静下心来的", first);

        Assert.Equal(IntentDomains.Book, next.Domain);
        Assert.DoesNotContain("Drama", next.Genres);
        Assert.DoesNotContain("Drama", next.ExcludeGenres);
        Assert.Contains("mindfulness", next.Keywords);
    }

    [Theory]
    [InlineData("my dad is weirdly obsessed with rocky lately", "1954")]
    [InlineData("i'm a big fan of fight club", "2959")]
    public void A_title_after_words_of_being_taken_with_it_is_named_in_lower_case_too(string message, string itemId)
    {
        Assert.Equal(itemId, Assert.Single(Parse(message).SimilarTo).ItemId);
    }

    [Fact]
    public void Words_that_describe_the_ones_wanted_are_no_title()
    {
        var intent = Parse("old school disney animated classics, like the hand drawn ones from when i was little");

        Assert.Empty(intent.SimilarTo);
    }

    [Fact]
    public void A_gerund_after_a_feedback_verb_is_no_title()
    {
        var intent = Parse("a fantasy series that's finished, i hate waiting for the next book");

        Assert.Empty(intent.SimilarTo);
        Assert.Equal(IntentDomains.Book, intent.Domain);
    }
}
