using AgentRec.Core.Contracts;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.UnitTests.Intent;

/// <summary>Requests as people type them into a chat box, read by the rule parser over the real catalog.</summary>
[Collection(CatalogCollection.Name)]
public sealed class EverydayPhrasingTests(CatalogFixture fixture)
{
    private RecommendationIntent Parse(string message, RecommendationIntent? previous = null) => fixture.Parser.Parse(message, previous);

    [Theory]
    [InlineData("something like die hard, one guy vs a building full of bad guys, lots of explosions")]
    [InlineData("slasher movies where a masked guy picks off teenagers one by one")]
    [InlineData("movie night with my kids this weekend (they're 6 and 9), what should we put on")]
    [InlineData("babysitting my 6 yr old niece tonight, what can we watch together")]
    public void A_number_that_describes_is_no_count(string message)
    {
        Assert.Equal(RecommendationIntent.DefaultCount, Parse(message).Count);
    }

    [Theory]
    [InlineData("something funny but not stupid")]
    [InlineData("a comedy that is not stupid please")]
    public void A_word_of_the_catalogs_tags_is_no_near_miss_of_a_title(string message)
    {
        var intent = Parse(message);

        Assert.Equal(IntentActions.Recommend, intent.Action);
        Assert.Empty(intent.SimilarTo);
    }

    [Fact]
    public void A_misspelt_title_alone_is_still_found()
    {
        Assert.Equal("Inception (2010)", Assert.Single(Parse("movies like inceptoin").SimilarTo).Title);
    }

    [Fact]
    public void An_article_in_a_follow_up_names_a_kind_and_keeps_the_count()
    {
        var first = Parse("its pouring outside, want something cozy and feel-good");

        var next = Parse("ooh actually maybe an animated one?", first);

        Assert.Equal(first.Count, next.Count);
        Assert.Contains("Animation", next.Genres);
    }

    [Fact]
    public void Books_that_explain_a_subject_are_a_request_for_books_not_an_explanation()
    {
        var intent = Parse("books that explain science to a normal person? the universe, brains, evolution");

        Assert.Equal(IntentActions.Recommend, intent.Action);
        Assert.Equal(IntentDomains.Book, intent.Domain);
        Assert.Empty(intent.SimilarTo);
    }

    [Theory]
    [InlineData("japanese anime films that arent ghibli? loved spirited away", "Studio Ghibli")]
    [InlineData("underrated fantasy series? not the usual tolkien / martin / rowling / sanderson stuff", "J.K. Rowling")]
    [InlineData("underrated fantasy series? not the usual tolkien / martin / rowling / sanderson stuff", "Brandon Sanderson")]
    [InlineData("japanese novels in translation? i've read all the murakami i could find, want other japanese writers", "Haruki Murakami")]
    public void A_name_ruled_out_however_it_is_said_is_no_keyword(string message, string name)
    {
        Assert.DoesNotContain(name, Parse(message).Keywords, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Authors_ruled_out_still_say_books()
    {
        Assert.Equal(IntentDomains.Book, Parse("underrated fantasy series? not the usual tolkien / rowling stuff").Domain);
    }

    [Fact]
    public void Being_over_a_topic_rules_it_out()
    {
        var first = Parse("my 14 year old daughter devoured the hunger games, what should she read next?");

        var next = Parse("she's kind of over dystopian stuff though", first);

        Assert.Contains("dystopia", next.AvoidKeywords);
        Assert.DoesNotContain("dystopia", next.Keywords);
    }

    [Fact]
    public void Reading_instead_of_watching_asks_for_books()
    {
        var first = Parse("just rewatched the martian, i love that nerdy science-y survival sci-fi");

        var next = Parse("are there books like that? trying to read more instead of watching stuff", first);

        Assert.Equal(IntentDomains.Book, next.Domain);
    }

    [Theory]
    [InlineData("《了不起的盖茨比》这种的还有吗", "book-5")]
    [InlineData("something like the great gatsby", "book-5")]
    [InlineData("教父这种的还有吗", "858")]
    [InlineData("more like fight club", "2959")]
    [InlineData("哈利波特八部全刷完了，接下来看什么好？", "4896")]
    [InlineData("movies like the great gatsby", "102407")]
    [InlineData("read all of a song of ice and fire, what other fantasy should i get into", "book-39")]
    [InlineData("my dad has read every single jack reacher book, what other thriller series would he like?", "book-477")]
    public void A_title_both_kinds_have_is_its_better_known_work_unless_the_words_say_which(string message, string itemId)
    {
        Assert.Equal(itemId, Assert.Single(Parse(message).SimilarTo).ItemId);
    }

    [Theory]
    [InlineData("thrillers / revenge type stuff", "revenge")]
    [InlineData("recommend me some self help books, more practical stuff, like habits, productivity", null)]
    [InlineData("old school hong kong action, like john woo shootouts or jackie chan doing insane stunts", null)]
    public void Words_the_catalog_tags_with_are_topics_not_titles(string message, string? topic)
    {
        var intent = Parse(message);

        Assert.Empty(intent.SimilarTo);
        if (topic is not null)
        {
            Assert.Contains(topic, intent.Keywords);
        }
    }

    [Fact]
    public void A_title_followed_by_its_description_is_the_only_title()
    {
        var intent = Parse("movies like se7en? dark, grim, detectives chasing a serial killer kind of vibe");

        Assert.Equal("47", Assert.Single(intent.SimilarTo).ItemId);
    }

    [Fact]
    public void An_invented_name_stays_an_unknown_title()
    {
        var title = Assert.Single(Parse("something like zorblax").SimilarTo);

        Assert.Null(title.ItemId);
    }

    [Fact]
    public void Two_chinese_decades_together_span_both()
    {
        var intent = Parse("想看老一点的黑色电影，四五十年代那种");

        Assert.Equal(1940, intent.YearFrom);
        Assert.Equal(1959, intent.YearTo);
    }

    [Fact]
    public void Those_three_counts_three()
    {
        var first = Parse("星战系列一直没看过，想补一下");

        Assert.Equal(3, Parse("先从最早拍的那三部开始吧", first).Count);
    }

    [Theory]
    [InlineData("neil gaiman, just his novels, not the comics", true)]
    [InlineData("不要漫画，只要小说", true)]
    [InlineData("neil gaiman comics", false)]
    public void Comics_turned_down_are_told_from_comics_asked_for(string message, bool refused)
    {
        Assert.Equal(refused, CueVocabulary.Default.RefusesComics(message));
        Assert.Equal(!refused, CueVocabulary.Default.AsksForComics(message));
    }

    [Theory]
    [InlineData("哈利波特刷完了", IntentDomains.Movie)]
    [InlineData("just finished harry potter", IntentDomains.Book)]
    [InlineData("harry potter", null)]
    public void What_people_say_of_one_kind_leans_to_it(string message, string? domain)
    {
        Assert.Equal(domain, CueVocabulary.Default.LeaningDomain(message));
    }

    [Fact]
    public void Live_action_rules_animation_out_and_is_no_action()
    {
        var first = Parse("family movie night ideas?");

        var next = Parse("the kids say they're over cartoons, live action only please", first);

        Assert.Contains("Animation", next.ExcludeGenres);
        Assert.DoesNotContain("Action", next.Genres);
        Assert.DoesNotContain("Animation", next.Genres);
    }

    [Fact]
    public void Never_having_read_a_genre_is_no_refusal()
    {
        var intent = Parse("I've never really read fantasy but want to give it a go. a few good entry points?");

        Assert.Contains("Fantasy", intent.Genres);
        Assert.DoesNotContain("Fantasy", intent.ExcludeGenres);
    }

    [Theory]
    [InlineData("kids finished all 8 harry potter films over the break. what should we watch next?")]
    [InlineData("my 7 year old is obsessed with totoro, watched it like 20 times. what other studio ghibli movies would she like?")]
    public void How_often_or_how_many_were_seen_is_no_count(string message)
    {
        Assert.Equal(RecommendationIntent.DefaultCount, Parse(message).Count);
    }

    [Fact]
    public void A_feeling_ruled_out_a_few_words_after_not_is_no_topic()
    {
        var first = Parse("good heist movies?");

        var next = Parse("the funny ones, not the super serious gritty ones", first);

        Assert.DoesNotContain("gritty", next.Keywords, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("dark", next.Keywords, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("heist", next.Keywords, StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("watched alien (the 1979 one) for the first time last night and im shook. what do i watch next?")]
    [InlineData("loved the 2005 one, pride and prejudice i mean")]
    public void A_year_that_says_which_film_is_no_range(string message)
    {
        var intent = Parse(message);

        Assert.Null(intent.YearFrom);
        Assert.Null(intent.YearTo);
    }

    [Fact]
    public void Rewatching_says_movies()
    {
        Assert.Equal(IntentDomains.Movie, Parse("just finished rewatching the whole lord of the rings trilogy. what else scratches that epic fantasy itch?").Domain);
    }

    [Theory]
    [InlineData("ooh older ones, like dracula / frankenstein era", true)]
    [InlineData("要经典老派的那种，福尔摩斯那个年代的", true)]
    [InlineData("Just finished Mistborn era 1. What else has Sanderson written?", false)]
    [InlineData("a camera that opera singers use", false)]
    public void An_era_is_asked_for_by_the_titles_of_its_time(string message, bool era)
    {
        Assert.Equal(era, CueVocabulary.Default.AsksForEra(message));
    }

    [Fact]
    public void Chinese_genres_written_in_a_row_share_a_refusal()
    {
        var first = Parse("推荐几本小说");

        var next = Parse("不要奇幻科幻那种 要现实题材的", first);

        Assert.Contains("Fantasy", next.ExcludeGenres);
        Assert.Contains("Sci-Fi", next.ExcludeGenres);
        Assert.Empty(next.Genres);
    }

    [Theory]
    [InlineData("推荐几部恐怖片", "算了算了太吓人了 换成喜剧吧")]
    [InlineData("some horror movies", "too scary, switch to comedy instead")]
    public void Switching_genre_leaves_the_one_turned_down_out(string request, string switched)
    {
        var next = Parse(switched, Parse(request));

        Assert.Equal(["Comedy"], next.Genres);
        Assert.Contains("Horror", next.ExcludeGenres);
    }

    [Theory]
    [InlineData("history books, not historical fiction")]
    [InlineData("想读点历史书 别给我历史小说")]
    public void A_shelf_turned_down_is_avoided_not_asked_for(string message)
    {
        var intent = Parse(message);

        Assert.Contains("history", intent.Keywords);
        Assert.DoesNotContain("historical-fiction", intent.Keywords);
        Assert.Contains("historical-fiction", intent.AvoidKeywords);
    }

    [Fact]
    public void Other_before_a_topic_is_no_refusal()
    {
        Assert.Contains("superheroes", Parse("还有别的超级英雄片推荐吗").Keywords);
    }

    [Fact]
    public void Comics_turned_down_after_the_word_are_neither_asked_nor_welcome()
    {
        const string message = "想看日本小说 有啥推荐 漫画就不要了";

        Assert.DoesNotContain("graphic-novels", Parse(message).Keywords);
        Assert.True(CueVocabulary.Default.RefusesComics(message));
    }

    [Theory]
    [InlineData("I saw the martian movie, want to read the book it's based on", IntentDomains.Book)]
    [InlineData("我看过火星救援的电影，想看它的原著小说", IntentDomains.Book)]
    [InlineData("is there a movie version of gone girl?", IntentDomains.Movie)]
    [InlineData("读过《活着》，有改编的电影吗", IntentDomains.Movie)]
    public void Asking_for_a_works_other_form_names_that_form(string message, string form)
    {
        Assert.Equal(form, CueVocabulary.Default.AdaptationAsked(message));
    }

    [Theory]
    [InlineData("read the shining, was it any good?")]
    [InlineData("movies based on true stories")]
    public void Words_of_both_forms_alone_ask_for_no_adaptation(string message)
    {
        Assert.Null(CueVocabulary.Default.AdaptationAsked(message));
    }

    [Theory]
    [InlineData("whole family's coming over for thanksgiving - kids are 6 and 9 plus grandma and grandpa. what can we ALL watch together?")]
    [InlineData("ok so i finally have some free time lol. what should i read, anything really")]
    [InlineData("finished mistborn (the first three) and im kinda lost now, what do i read next")]
    public void Ages_spare_time_and_the_books_read_are_no_count(string message)
    {
        Assert.Equal(RecommendationIntent.DefaultCount, Parse(message).Count);
    }

    [Fact]
    public void What_are_five_still_counts()
    {
        Assert.Equal(5, Parse("what are 5 good heist movies").Count);
    }

    [Fact]
    public void Like_before_a_span_of_time_names_no_title()
    {
        var intent = Parse("i tore through all 3 hunger games books in like a week. need my next fix");

        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.All(intent.SimilarTo, t => Assert.NotNull(t.ItemId));
    }

    [Theory]
    [InlineData("books from the 19th century that are fun to read", 1800, 1899)]
    [InlineData("19世纪的经典小说推荐一些", 1800, 1899)]
    [InlineData("early 20th century novels", 1900, 1932)]
    [InlineData("late nineteenth century novels", 1867, 1899)]
    [InlineData("推荐几本上世纪的奇幻小说", 1900, 1999)]
    [InlineData("上世纪八十年代的港片", 1980, 1989)]
    [InlineData("十八世纪末的小说", 1767, 1799)]
    public void A_century_is_its_years(string message, int from, int to)
    {
        var intent = Parse(message);

        Assert.Equal(from, intent.YearFrom);
        Assert.Equal(to, intent.YearTo);
    }

    [Fact]
    public void Finished_a_book_and_asking_what_to_read_next_asks_for_similar()
    {
        Assert.Equal(IntentActions.Similar, Parse("finished the name of the wind and im kinda lost now, what do i read next").Action);
    }

    [Fact]
    public void Someone_who_writes_is_an_author()
    {
        Assert.Equal(IntentDomains.Book, Parse("anything by Marisol Quennell? she writes historical romances").Domain);
    }

    [Theory]
    [InlineData("anything by X? or similar ones if not")]
    [InlineData("没有的话推荐类似的也行")]
    public void An_alternative_offered_is_read(string message)
    {
        Assert.True(CueVocabulary.Default.OffersFallback(message));
    }
}
