using System.Text;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.UnitTests.Intent.Vocabulary;

public sealed class VocabularyTests(CatalogFixture fixture) : IClassFixture<CatalogFixture>
{
    [Theory]
    [InlineData("any hidden gems from the 80s?", true)]
    [InlineData("underrated sci-fi", true)]
    [InlineData("推荐几部冷门的好片", true)]
    [InlineData("comedies nobody's heard of but are actually hilarious", true)]
    [InlineData("romance novels, not the big bestsellers everyone already read", true)]
    [InlineData("不太出名但写得很好的推理小说有吗", true)]
    [InlineData("a gemstone heist movie", false)]
    [InlineData("the best rated sci-fi", false)]
    public void Hidden_gem_cues_are_whole_phrases(string message, bool expected)
    {
        Assert.Equal(expected, CueVocabulary.Default.AsksForHiddenGems(message));
    }

    [Theory]
    [InlineData("The Lord of the Rings (The Lord of the Rings, #1-3)", true)]
    [InlineData("J.R.R. Tolkien 4-Book Boxed Set: The Hobbit and The Lord of the Rings", true)]
    [InlineData("The Hobbit: Graphic Novel", true)]
    [InlineData("The Hitchhiker's Guide to the Galaxy", false)]
    [InlineData("The Fellowship of the Ring (The Lord of the Rings, #1)", false)]
    [InlineData("The Great Dune Trilogy", true)]
    [InlineData("The Hitchhiker's Guide to the Galaxy: A Trilogy in Four Parts", true)]
    [InlineData("Assassin's Apprentice (Farseer Trilogy, #1)", false)]
    [InlineData("Mort: The Play", true)]
    [InlineData("The Green Mile, Part 3: Coffey's Hands", true)]
    [InlineData("The Complete Sherlock Holmes", true)]
    public void Edition_markers_find_box_sets_and_companions_but_not_titles_that_merely_contain_a_word(string title, bool expected)
    {
        Assert.Equal(expected, CueVocabulary.Default.IsEdition(title));
    }

    [Theory]
    [InlineData("Anne McCaffrey's Dragonflight #1", true)]
    [InlineData("The Silmarillion (Middle-Earth Universe)", false)]
    [InlineData("Saga, Vol. 1 (Saga, #1)", true)]
    [InlineData("Neverwhere", false)]
    [InlineData("The Emperor's Soul", false)]
    public void A_title_that_names_a_volume_number_or_series_is_no_standalone(string title, bool partOfMore)
    {
        Assert.Equal(partOfMore, CueVocabulary.Default.TitleSaysPartOfMore(title));
    }

    [Theory]
    [InlineData("no", true)]
    [InlineData("skip", true)]
    [InlineData("nothing", true)]
    [InlineData("not", true)]
    [InlineData("notebook", false)]
    [InlineData("我不要", true)]
    [InlineData("除了", true)]
    [InlineData("不要的话", false)]
    [InlineData("like", false)]
    public void A_series_refusal_is_an_english_word_whole_or_the_end_of_a_chinese_run(string token, bool expected)
    {
        Assert.Equal(expected, CueVocabulary.Default.RefusesSeries(token));
    }

    [Theory]
    [InlineData("like", true)]
    [InlineData("enjoyed", true)]
    [InlineData("skip", false)]
    public void Words_of_liking_end_a_series_refusal(string token, bool expected)
    {
        Assert.Equal(expected, CueVocabulary.Default.EndsSeriesRefusal(token));
    }

    [Fact]
    public void A_malformed_cue_file_names_the_file_and_line()
    {
        var json = "{\n  \"hiddenGems\": {\"phrases\": [\"obscure\"]},\n  \"filler\": {\"words\": [\"night\",]}\n}";

        var error = Assert.Throws<VocabularyException>(() => CueVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "cues.json"));

        Assert.StartsWith("cues.json line 3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_alias_without_its_english_title_names_the_entry()
    {
        var json = """{"titles": [{"zh": "三体", "en": "The Three-Body Problem"}, {"zh": "活着"}]}""";

        var error = Assert.Throws<VocabularyException>(() => TitleAliases.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "chinese-titles.json"));

        Assert.Contains("entry 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_alias_named_twice_is_an_error()
    {
        var json = """{"titles": [{"zh": "三体", "en": "The Three-Body Problem"}, {"zh": "三体", "en": "The Dark Forest"}]}""";

        var error = Assert.Throws<VocabularyException>(() => TitleAliases.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "chinese-titles.json"));

        Assert.Contains("repeats the name '三体'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_title_aliases_load()
    {
        Assert.Contains(TitleAliases.Default.Chinese, p => p.Key == "三体" && p.Value == "The Three-Body Problem");
    }

    [Fact]
    public void A_cue_file_without_a_list_says_which()
    {
        var json = """{"hiddenGems": {"phrases": ["obscure"]}, "filler": {"words": ["night"]}, "series": {"phrases": ["sequel"]}}""";

        var error = Assert.Throws<VocabularyException>(() => CueVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "cues.json"));

        Assert.Contains("'editions.markers'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mood_naming_a_genre_the_catalog_lacks_is_an_error_naming_the_entry()
    {
        var json = """{"moods": [{"phrases": ["cozy"], "genres": ["Comedy"]}, {"phrases": ["spooky"], "genres": ["Spooky"]}]}""";

        var error = Assert.Throws<VocabularyException>(() => MoodVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "moods.json"));

        Assert.Equal("moods.json: moods[1]: 'Spooky' is not a MovieLens genre.", error.Message);
    }

    [Fact]
    public void A_position_word_that_is_no_position_is_an_error_naming_it()
    {
        using var embedded = new StreamReader(CueVocabulary.OpenEmbedded(CueVocabulary.FileName));
        var json = embedded.ReadToEnd().Replace("\"last\": -1", "\"last\": 0", StringComparison.Ordinal);

        var error = Assert.Throws<VocabularyException>(() => CueVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "cues.json"));

        Assert.Contains("'positions.english.last'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tell me more about the second one", 2)]
    [InlineData("why the last film?", -1)]
    [InlineData("第三部怎么样", 3)]
    [InlineData("what about #4", 4)]
    [InlineData("the first time I saw it", null)]
    public void A_follow_up_points_at_a_position_by_the_words_of_the_cue_file(string message, int? position) =>
        Assert.Equal(position, CueVocabulary.Default.PointsAtPosition(message));

    [Fact]
    public void A_mood_file_without_its_negation_words_says_so()
    {
        var json = """{"moods": [{"phrases": ["cozy"], "genres": ["Comedy"]}]}""";

        var error = Assert.Throws<VocabularyException>(() => MoodVocabulary.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "moods.json"));

        Assert.Contains("'negation'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I need a good tearjerker", new[] { "Drama" }, new[] { "Horror" }, "emotional", null)]
    [InlineData("最近心情不好，想看治愈系的电影", new string[0], new[] { "Horror", "War", "Crime", "Thriller" }, "heartwarming", null)]
    [InlineData("有什么好看的历史小说", new string[0], new[] { "Documentary" }, "historical-fiction", "book")]
    [InlineData("something to get me pumped, action packed", new[] { "Action" }, new string[0], null, null)]
    [InlineData("想看甜甜的恋爱电影", new[] { "Romance", "Comedy" }, new[] { "Horror", "War", "Drama", "Animation", "Children" }, null, null)]
    [InlineData("推荐几部致郁系电影", new string[0], new[] { "Children", "Animation", "Comedy" }, "depressing", null)]
    [InlineData("I want something cozy for a rainy sunday", new string[0], new[] { "Horror", "War", "Crime", "Thriller" }, "heartwarming", null)]
    [InlineData("something dark and gritty", new string[0], new[] { "Children", "Animation" }, "gritty", null)]
    [InlineData("楚门的世界那种看完会怀疑人生、细思极恐的", new string[0], new[] { "Children" }, "mindfuck", null)]
    [InlineData("有点孤独又很美的那种", new[] { "Drama" }, new string[0], "loneliness", null)]
    [InlineData("need a page turner for a long flight", new[] { "Thriller" }, new string[0], "thriller", "book")]
    [InlineData("ok but his serious roles", new[] { "Drama" }, new string[0], null, null)]
    [InlineData("hmm not too gory. more psychological, creepy stuff", new[] { "Horror" }, new[] { "Comedy", "Children", "Animation" }, "psychological", null)]
    [InlineData("推荐几部恐怖片", new[] { "Horror" }, new string[0], null, null)]
    [InlineData("short story collections would be perfect", new string[0], new string[0], "short-stories", "book")]
    public void A_mood_adds_its_catalog_terms(string text, string[] genres, string[] avoided, string? keyword, string? domain)
    {
        var (g, e, k, d) = Apply(text);

        Assert.Equal(genres, g);
        // What a mood would rather leave out is a preference of the answer, not the user's exclusion in the intent.
        Assert.Empty(e);
        Assert.Equal(avoided.Order(), MoodVocabulary.Default.ImpliedExclusions(text.ToLowerInvariant()).Order());
        if (keyword is not null)
        {
            Assert.Contains(keyword, k);
        }

        Assert.Equal(domain, d);
    }

    [Fact]
    public void A_cozy_mystery_is_a_kind_of_book_not_a_comfort_mood()
    {
        Assert.Empty(MoodVocabulary.Default.ImpliedExclusions("some cozy mysteries to read"));
    }

    [Theory]
    [InlineData("nothing scary please")]
    [InlineData("不要太吓人的")]
    [InlineData("别给我整太吓人的")]
    [InlineData("我不想看太吓人的")]
    [InlineData("不要现在那种特别吓人的")]
    public void A_negated_mood_rules_its_genres_out(string text)
    {
        var (genres, excludes, _, _) = Apply(text);

        Assert.Empty(genres);
        Assert.Equal(["Horror"], excludes);
    }

    [Fact]
    public void A_mood_said_in_an_earlier_turn_keeps_its_preference_through_the_keywords_it_left()
    {
        var avoided = MoodVocabulary.Default.ImpliedExclusions("不要动画片", ["feel-good", "heartwarming"]);

        Assert.Contains("Horror", avoided);
        Assert.Contains("War", avoided);
        Assert.Empty(MoodVocabulary.Default.ImpliedExclusions("不要动画片", ["time travel"]));
    }

    [Fact]
    public void A_mood_never_requires_a_genre_the_user_excluded()
    {
        var genres = new List<string>();
        var excludes = new List<string> { "Drama" };
        string? domain = null;

        MoodVocabulary.Default.Apply("a tearjerker", genres, excludes, [], ref domain);

        Assert.Empty(genres);
    }

    [Fact]
    public void Every_shipped_mood_keyword_is_a_tag_the_catalog_holds()
    {
        Assert.Empty(MoodVocabulary.Default.MissingKeywords(fixture.Catalog.Items));
    }

    private static (List<string> Genres, List<string> Excludes, List<string> Keywords, string? Domain) Apply(string text)
    {
        List<string> genres = [], excludes = [], keywords = [];
        string? domain = null;
        MoodVocabulary.Default.Apply(text.ToLowerInvariant(), genres, excludes, keywords, ref domain);
        return (genres, excludes, keywords, domain);
    }

    [Theory]
    [InlineData("有没有治愈系的电影", null, "heartwarming")]
    [InlineData("有没有治愈系的小说", "book", "feel-good")]
    [InlineData("something uplifting to read", "book", "feel-good")]
    [InlineData("something uplifting to watch", null, "feel-good")]
    public void A_mood_asked_about_adds_its_tags_for_the_kind_of_item_asked_for(string text, string? domain, string keyword)
    {
        var genres = new List<string>();
        var excludes = new List<string>();
        var keywords = new List<string>();

        MoodVocabulary.Default.Apply(text, genres, excludes, keywords, ref domain);

        Assert.Contains(keyword, keywords);
        Assert.Empty(excludes);
    }

    [Fact]
    public void A_mood_said_with_a_negation_rules_its_genres_out()
    {
        var genres = new List<string>();
        var excludes = new List<string>();
        var keywords = new List<string>();
        string? domain = null;

        MoodVocabulary.Default.Apply("没有搞笑的就算了，不要搞笑的", genres, excludes, keywords, ref domain);

        Assert.Contains("Comedy", excludes);
        Assert.DoesNotContain("Comedy", genres);
    }

    [Fact]
    public void Tone_genres_are_catalog_genres() =>
        Assert.All(CueVocabulary.Default.ToneGenres, g => Assert.Contains(g, AgentRec.Core.Contracts.IntentGenres.All));
}
