using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Explanation;
using AgentRec.Core.Intent;
using AgentRec.Core.Personalization;
using AgentRec.Core.Retrieval;

namespace AgentRec.UnitTests.Explanation;

public sealed class TemplateExplainerTests
{
    private static readonly CatalogItem Heat = Movie("6", "Heat", 1995, ["Action", "Crime", "Thriller"], ["heist", "Al Pacino", "Robert De Niro"]);
    private static readonly CatalogItem Ronin = Movie("1", "Ronin", 1998, ["Action", "Crime", "Thriller"], ["heist", "Robert De Niro", "car chase"]);
    private static readonly CatalogItem Casino = Movie("2", "Casino", 1995, ["Crime", "Drama"], ["Robert De Niro", "Las Vegas"]);
    private static readonly CatalogItem Speed = Movie("3", "Speed", 1994, ["Action", "Romance", "Thriller"], ["bus"]);

    [Fact]
    public void A_topic_is_claimed_for_the_whole_answer_only_when_every_item_carries_it()
    {
        var all = Render(new RecommendationIntent { Keywords = ["heist"], Count = 2 }, [Heat, Ronin]);
        var some = Render(new RecommendationIntent { Keywords = ["heist"], Count = 3 }, [Heat, Ronin, Casino]);

        Assert.StartsWith("Here are 2 movies, about heist.", all, StringComparison.Ordinal);
        Assert.DoesNotContain("about heist", some, StringComparison.Ordinal);
        Assert.Contains("2 of them are tagged \"heist\"", some, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_answer_to_years_after_the_catalog_says_where_the_catalog_ends()
    {
        var intent = new RecommendationIntent { Genres = ["Comedy"], YearFrom = 2021, Count = 3 };
        var user = UserContext.Anonymous;

        var english = TemplateExplainer.Render(new ExplanationContext("comedies from the last few years", intent, [], user, Language.English) { CatalogEndsIn = 2018 });
        var chinese = TemplateExplainer.Render(new ExplanationContext("最近几年的喜剧", intent, [], user, Language.Chinese) { CatalogEndsIn = 2018 });
        var unset = TemplateExplainer.Render(new ExplanationContext("comedies from 2021", intent, [], user, Language.English));

        Assert.Contains("Its newest movies are from 2018", english, StringComparison.Ordinal);
        Assert.Contains("最新的电影是2018年的", chinese, StringComparison.Ordinal);
        Assert.Contains("Try fewer genres or a wider year range", unset, StringComparison.Ordinal);
    }

    [Fact]
    public void Topics_no_item_carries_are_said_once_together()
    {
        var text = Render(new RecommendationIntent { Keywords = ["gore", "twist ending", "heist"], Count = 2 }, [Heat, Ronin]);

        Assert.Contains("None is tagged \"gore\" or \"twist ending\", so these are the best matches", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "None is tagged"));
    }

    [Fact]
    public void An_answer_to_a_named_title_states_only_what_each_item_really_shares_with_it()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar, SimilarTo = [new TitleReference("Heat (1995)", "6")], Count = 3 };

        var text = Render(intent, [Ronin, Casino, Speed], anchors: [Heat]);

        Assert.Contains("Ronin (1998): Action, Crime, Thriller; tagged heist, Robert De Niro, car chase; shares heist, Robert De Niro, Action, Crime with Heat.", text, StringComparison.Ordinal);
        Assert.Contains("Casino (1995): Crime, Drama; tagged Robert De Niro, Las Vegas; shares Robert De Niro, Crime with Heat.", text, StringComparison.Ordinal);
        Assert.Contains("Speed (1994): Action, Romance, Thriller; tagged bus; shares Action, Thriller with Heat.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Las Vegas with", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Chinese_answer_names_the_genres_shared_with_the_named_title()
    {
        var intent = new RecommendationIntent { Action = IntentActions.Similar, SimilarTo = [new TitleReference("Heat (1995)", "6")], Count = 1 };

        var text = Render(intent, [Casino], anchors: [Heat], language: Language.Chinese, message: "类似盗火线的电影");

        Assert.Contains("《Casino (1995)》：犯罪、剧情，与《Heat》同有犯罪。", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_item_collaborative_filtering_put_forward_names_the_history_item_behind_it()
    {
        var ronin = new ScoredCandidate(Ronin, 0, 1) { BecauseOf = Heat };
        var context = new ExplanationContext("something for me", new RecommendationIntent { Count = 1 }, [ronin], UserContext.Anonymous, Language.English);
        var chinese = context with { Message = "给我推荐一部", Language = Language.Chinese };

        Assert.Contains("Ronin (1998): Action, Crime, Thriller; tagged heist, Robert De Niro, car chase; often watched by people who watched Heat.", TemplateExplainer.Render(context), StringComparison.Ordinal);
        Assert.Contains("看过《Heat》的人也常看", TemplateExplainer.Render(chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void Books_without_genre_data_are_not_claimed_to_be_in_the_requested_genre()
    {
        var book = new CatalogItem("book-9", "The Mystery Shelf", "The Mystery Shelf", 2001, [], [], string.Empty, 10, 4, ItemDomain.Book);
        var intent = new RecommendationIntent { Domain = IntentDomains.Book, Genres = ["Mystery"], Count = 1 };

        var english = Render(intent, [book]);
        var chinese = Render(intent, [book], language: Language.Chinese, message: "推荐一本悬疑小说");
        var movies = Render(new RecommendationIntent { Genres = ["Crime"], Count = 2 }, [Heat, Casino]);

        Assert.StartsWith("Here is 1 book. The catalog lists no genres for these books, so they were matched to Mystery by their titles and text.", english, StringComparison.Ordinal);
        Assert.DoesNotContain("in Mystery", english, StringComparison.Ordinal);
        Assert.StartsWith("为你找到 1 本书。目录没有这些书的类型信息，所以是按标题和简介匹配“悬疑”的。", chinese, StringComparison.Ordinal);
        Assert.StartsWith("Here are 2 movies in Crime.", movies, StringComparison.Ordinal);
    }

    private static string Render(RecommendationIntent intent, CatalogItem[] items, CatalogItem[]? anchors = null, string language = Language.English, string message = "request") =>
        TemplateExplainer.Render(new ExplanationContext(message, intent, [.. items.Select((item, i) => new ScoredCandidate(item, i, 1))], UserContext.Anonymous, language)
        {
            Anchors = anchors ?? [],
        });

    private static CatalogItem Movie(string id, string title, int year, string[] genres, string[] tags) =>
        new(id, title, title, year, genres, tags, string.Empty, 0, 0, ItemDomain.Movie);
}

public sealed class TemplateFragmentTests
{
    [Theory]
    [InlineData("Here are 3 movies in Sci-Fi from 1990–1999, without Horror, highest rated first. The Matrix (1999): Action, Sci-Fi, Thriller; rated 4.2/5 by 278 people; tagged martial arts, sci-fi, alternate universe.", "en")]
    [InlineData("为你找到 3 部电影，都是科幻作品，按评分从高到低排列。《黑客帝国 (1999)》：动作、科幻、惊悚，278 人评分，平均 4.2/5。😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "zh")]
    public void The_stream_is_the_text_in_short_phrases_never_splitting_a_word_or_a_surrogate_pair(string text, string language)
    {
        var fragments = TemplateExplainer.Fragments(text, language).ToArray();

        Assert.Equal(text, string.Concat(fragments));
        Assert.True(fragments.Length >= 3, $"{fragments.Length} fragments");
        Assert.True(fragments.Length <= text.Length / 10, $"{fragments.Length} fragments for {text.Length} characters");
        Assert.All(fragments, f => Assert.False(char.IsHighSurrogate(f[^1])));
        if (language == "en")
        {
            Assert.All(fragments[..^1], f => Assert.EndsWith(" ", f, StringComparison.Ordinal));
        }
    }
}
