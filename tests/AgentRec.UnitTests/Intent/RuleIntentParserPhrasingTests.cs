using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;

namespace AgentRec.UnitTests.Intent;

/// <summary>
/// Ways people name titles, refuse genres and steer a conversation that the cue words alone do not catch: names before
/// a comparing suffix, after "the movie" / "reading", in why-questions, before Chinese cues, and Chinese originals.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class RuleIntentParserPhrasingTests(CatalogFixture fixture)
{
    private RecommendationIntent Parse(string message) => fixture.Parser.Parse(message);

    [Theory]
    [InlineData("movies that feel like amelie", "similar", "4973")]
    [InlineData("something that looks like Blade Runner", "similar", "541")]
    [InlineData("Godfather-style movies, please", "similar", "858")]
    [InlineData("Schindler's List-like movies", "similar", "527")]
    [InlineData("Finding Nemo type movies for my kids", "similar", "6377")]
    [InlineData("any novels in the same vein as The Girl with the Dragon Tattoo?", "similar", "book-16")]
    [InlineData("books similar to the movie Blade Runner", "similar", "541")]
    [InlineData("5 movies like Blade Runner 2049", "similar", "176371")]
    [InlineData("already watched Memento", "feedback", "4226")]
    [InlineData("loved reading The Book Thief", "feedback", "book-47")]
    [InlineData("I couldn't stand Mean Girls", "feedback", "7451")]
    [InlineData("Why Zodiac?", "explain", "51540")]
    [InlineData("how come Rear Window is on the list?", "explain", "904")]
    [InlineData("why did you recommend the book The Night Circus?", "explain", "book-185")]
    [InlineData("what's the reason behind suggesting Big Little Lies (the novel)?", "explain", "book-262")]
    [InlineData("Pride and Prejudice这本书我很喜欢", "feedback", "book-10")]
    [InlineData("刚读完The Kite Runner，很喜欢", "feedback", "book-11")]
    [InlineData("求推荐the dark knight这类电影", "similar", "58559")]
    [InlineData("想看风格接近My Neighbor Totoro的动画片", "similar", "5971")]
    [InlineData("类似matrix的电影有哪些", "similar", "2571")]
    [InlineData("推荐几本类似《三体》的科幻小说", "similar", "book-2676")]
    [InlineData("阿凡达那种电影还有吗", "similar", "72998")]
    [InlineData("追风筝的人这本书太好看了", "feedback", "book-11")]
    [InlineData("Can you recommend some animated films similar to My Neighbour Totoro?", "similar", "5971")]
    [InlineData("the hangover was not funny at all", "feedback", "69122")]
    [InlineData("how is Gattaca related to what I asked?", "explain", "1653")]
    [InlineData("你为啥推荐 ex machina", "explain", "115713")]
    [InlineData("你为啥会推荐 the truman show 给我", "explain", "1682")]
    [InlineData("The Grand Budapest Hotel was way too quirky for me", "feedback", "109374")]
    [InlineData("I've already read the book Gone Girl", "feedback", "book-30")]
    [InlineData("John Wick 太暴力了，我不喜欢", "feedback", "115149")]
    public void Names_are_found_whatever_introduces_them(string message, string action, string itemId)
    {
        var intent = Parse(message);

        Assert.Equal(action, intent.Action);
        Assert.Equal(itemId, Assert.Single(intent.SimilarTo).ItemId);
    }

    [Fact]
    public void Names_listed_with_a_Chinese_comma_before_a_Chinese_cue_are_all_read()
    {
        var intent = Parse("Top Gun、Terminator 2这一类的动作片还有哪些");

        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.Equal(["1101", "589"], intent.SimilarTo.Select(t => t.ItemId));
        Assert.Equal(IntentSorts.Relevance, intent.Sort);
    }

    [Theory]
    [InlineData("I feel like a comedy tonight")]
    [InlineData("I really feel like watching something scary")]
    [InlineData("why the first one?")]
    [InlineData("why these?")]
    [InlineData("something like the movie with the shark")]
    public void Wanting_and_pointing_back_name_no_title(string message)
    {
        Assert.Empty(Parse(message).SimilarTo);
    }

    [Theory]
    [InlineData("what's the second one about?", true)]
    [InlineData("what is it about", true)]
    [InlineData("what are they all about?", true)]
    [InlineData("第二部讲什么", true)]
    [InlineData("这本书讲的是什么", true)]
    [InlineData("what about something newer?", false)]
    [InlineData("what is a good movie about robots", false)]
    [InlineData("what are some books about grief?", false)]
    [InlineData("推荐几部剧情片", false)]
    public void Asking_what_a_work_is_about_is_a_question_not_a_search(string message, bool asks)
    {
        Assert.Equal(asks, Parse(message).Action == IntentActions.Explain);
    }

    [Theory]
    [InlineData("别推荐爱情片，我想看惊悚片", "Thriller", "Romance")]
    [InlineData("儿童电影有吗？动画的就算了", "Children", "Animation")]
    [InlineData("科幻片，恐怖片不要", "Sci-Fi", "Horror")]
    [InlineData("comedies, and filter out romance", "Comedy", "Romance")]
    [InlineData("动作片 不要科幻的", "Action", "Sci-Fi")]
    public void Chinese_and_English_refusals_exclude_the_genre(string message, string genre, string excluded)
    {
        var intent = Parse(message);

        Assert.Equal([genre], intent.Genres);
        Assert.Equal([excluded], intent.ExcludeGenres);
    }

    [Theory]
    [InlineData("only ones from the 2000s please")]
    [InlineData("make it just 3")]
    [InlineData("same thing but no animation")]
    [InlineData("give me five instead")]
    [InlineData("drop anything with romance")]
    [InlineData("都不太想看，换别的吧")]
    [InlineData("还要三部，限2000年以后的")]
    [InlineData("太多了，给我三部就行")]
    [InlineData("sort those by popularity")]
    [InlineData("can you drop the horror ones")]
    [InlineData("换成评分高一点的")]
    [InlineData("只要九十年代的")]
    [InlineData("those all look old, give me newer ones")]
    [InlineData("Can you narrow that down to just two?")]
    public void Steering_the_last_answer_is_a_refinement(string message)
    {
        Assert.Equal(IntentActions.Refine, Parse(message).Action);
    }

    [Theory]
    [InlineData("what can you do?")]
    [InlineData("who made you?")]
    [InlineData("谢谢啦")]
    [InlineData("你能做什么")]
    [InlineData("你是机器人吗？")]
    [InlineData("thanks, that's all for tonight")]
    public void Questions_about_the_assistant_are_smalltalk(string message)
    {
        Assert.Equal(IntentActions.Smalltalk, Parse(message).Action);
    }

    [Theory]
    [InlineData("mystery movies with a twist ending, nothing before 2000", 2000, null)]
    [InlineData("not before 1990", 1990, null)]
    [InlineData("westerns, nothing after 1980", null, 1980)]
    public void A_negated_bound_turns_around(string message, int? from, int? to)
    {
        var intent = Parse(message);

        Assert.Equal(from, intent.YearFrom);
        Assert.Equal(to, intent.YearTo);
    }

    [Fact]
    public void A_two_word_genre_after_like_is_a_genre_not_a_title()
    {
        var intent = Parse("i like sci fi and comedy together give me five");

        Assert.Empty(intent.SimilarTo);
        Assert.Equal(["Comedy", "Sci-Fi"], intent.Genres.Order());
    }

    [Theory]
    [InlineData("为什么推荐这几部", 10)]
    [InlineData("films or novels, either way, something about chess - 4 of them", 4)]
    [InlineData("just give me 3 of those", 3)]
    [InlineData("I'm in the mood for a rom-com tonight", 1)]
    public void Demonstratives_are_not_counts_and_of_them_counts_are(string message, int count)
    {
        Assert.Equal(count, Parse(message).Count);
    }

    [Theory]
    [InlineData("what should I watch after Inception", "79132")]
    [InlineData("what should I read next after Gone Girl?", "book-30")]
    [InlineData("what should I watch after inception?", "79132")]
    [InlineData("what should I read after the hunger games?", "book-1")]
    [InlineData("what should i read next after gone girl", "book-30")]
    public void A_title_to_go_on_from_is_the_anchor(string message, string itemId)
    {
        var intent = Parse(message);

        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.Equal(itemId, Assert.Single(intent.SimilarTo).ItemId);
    }

    [Fact]
    public void A_title_written_after_a_verb_of_reading_is_that_title_even_when_it_is_a_cue_word()
    {
        Assert.Equal("book-3701", Assert.Single(Parse("I just read After and loved it, more like that").SimilarTo).ItemId);
    }

    [Theory]
    [InlineData("movies to watch after dinner")]
    [InlineData("something to read after work")]
    [InlineData("what to watch after a breakup")]
    [InlineData("what to watch after school with my son")]
    public void A_time_after_watch_or_read_is_no_title(string message) => Assert.Empty(Parse(message).SimilarTo);

    [Theory]
    [InlineData("90s sci-fi movies besides The Matrix")]
    [InlineData("除了千与千寻")]
    public void A_title_left_out_is_feedback_not_an_anchor(string message)
    {
        var intent = Parse(message);

        Assert.Equal(IntentActions.Feedback, intent.Action);
        Assert.Single(intent.SimilarTo);
    }

    [Fact]
    public void A_title_left_out_beside_an_anchor_is_left_out_only()
    {
        var intent = Parse("movies like Heat but not Ronin");

        Assert.Equal(IntentActions.Similar, intent.Action);
        Assert.Equal("6", Assert.Single(intent.SimilarTo).ItemId);
        Assert.Equal(["2278"], intent.LeaveOut);
    }
}

[Collection(CatalogCollection.Name)]
public sealed class ChineseTitleLexiconTests(CatalogFixture fixture)
{
    [Fact]
    public void Every_Chinese_name_resolves_to_a_catalog_item_of_its_English_title()
    {
        var unresolved = IntentLexicon.ChineseTitles
            .Where(p => fixture.Titles.Resolve(p.Value, allowFuzzy: false) is null)
            .Select(p => $"{p.Key} → {p.Value}")
            .ToList();

        Assert.True(unresolved.Count == 0, "Not in the catalog exactly as written: " + string.Join("; ", unresolved));
    }

}
