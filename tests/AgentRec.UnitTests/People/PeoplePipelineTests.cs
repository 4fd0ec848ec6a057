using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;
using AgentRec.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.UnitTests.People;

/// <summary>The whole pipeline (rules, lexical retrieval, the real catalog) answering requests that name people.</summary>
public sealed class PeoplePipelineTests : LexicalPipelineTest
{
    private PeopleIndex Index => Services.GetRequiredService<PeopleIndex>();

    [Theory]
    [InlineData("Steven Spielberg classics", "Steven Spielberg")]
    [InlineData("诺兰的电影", "Christopher Nolan")]
    [InlineData("推荐几本简·奥斯汀的小说", "Jane Austen")]
    [InlineData("Stephen King novels", "Stephen King")]
    [InlineData("宫崎骏的动画", "Hayao Miyazaki")]
    [InlineData("Pixar movies", "Pixar")]
    public async Task Every_item_returned_for_a_named_person_carries_their_evidence(string message, string name)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        var theirs = Index.Resolve(name)!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.All(response.Items, item => Assert.Contains(item.ItemId, theirs));
    }

    [Theory]
    [InlineData("best james bond films? want to do a marathon", "James Bond")]
    [InlineData("007系列从哪部开始看比较好？", "James Bond")]
    [InlineData("星战系列应该按什么顺序看？都列出来吧", "Star Wars")]
    [InlineData("which mission impossible movie is the best one?", "Mission Impossible")]
    public async Task A_named_film_series_answers_with_its_films(string message, string series)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        var theirs = Index.Resolve(series)!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.All(response.Items, item => Assert.Contains(item.ItemId, theirs));
        // A Chinese answer names the series as Chinese speakers do (詹姆斯·邦德).
        Assert.Contains(message.Any(c => c > 0x2E80) ? Index.ChineseNameOf(series)! : series, response.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Korean thrillers", "Thriller")]
    [InlineData("Japanese horror movies", "Horror")]
    public async Task A_country_named_answers_with_its_films(string message, string genre)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.True(response!.Items.Count >= 3, string.Join(", ", response.Items.Select(i => i.Title)));
        Assert.All(response.Items, i => Assert.Contains(genre, i.Genres));
        Assert.Equal(IntentDomains.Movie, response.Intent!.Domain);
    }

    [Theory]
    [InlineData("推荐几本推理小说", "要日本作家的")]
    [InlineData("推荐几本推理小说", "要日本的")]
    public async Task A_country_named_in_a_book_conversation_answers_with_its_authors_books(string first, string then)
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = first }, CancellationToken.None);
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = then, ConversationId = one!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IntentDomains.Book, response!.Intent!.Domain);
        Assert.Contains(response.Items, i => i.Title.StartsWith("The Devotion of Suspect X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_of_book_an_author_never_wrote_gets_no_items_and_says_so()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "a cookbook by Stephen King" }, CancellationToken.None);

        Assert.Null(error);
        Assert.Empty(response!.Items);
        Assert.Contains("Stephen King", response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_of_book_an_author_wrote_answers_with_those_books_first()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "Stephen King short stories" }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        var catalog = Services.GetRequiredService<AgentRec.Core.Catalog.ItemCatalog>();
        Assert.Contains("short-stories", catalog.Items[catalog.IndexOf(response.Items[0].ItemId)].Tags);
    }

    [Fact]
    public async Task A_series_asked_about_without_an_order_comes_in_release_order()
    {
        var (response, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "Star Wars films" }, CancellationToken.None);

        var years = response!.Items.Select(i => i.Year ?? 0).ToList();
        Assert.True(years.Count > 5);
        Assert.Equal(years.Order(), years);
    }

    [Fact]
    public async Task Two_series_named_together_give_the_films_of_either()
    {
        var (response, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "我想看007和碟中谍" }, CancellationToken.None);

        Assert.Contains(response!.Items, i => i.Title.Contains("Mission: Impossible", StringComparison.Ordinal));
        Assert.Contains(response.Items, i => i.Title.Contains("Goldfinger", StringComparison.Ordinal) || i.Title.Contains("Skyfall", StringComparison.Ordinal) || i.Title.Contains("Casino Royale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Series_ruled_out_in_a_follow_up_narrow_the_directors_list()
    {
        var first = await Pipeline.CollectAsync(new RecommendRequest { Message = "spielberg movies" }, CancellationToken.None);
        var (response, _) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "skip the indiana jones and jurassic park ones, seen them a million times", ConversationId = first.Response!.ConversationId },
            CancellationToken.None);

        var spielberg = Index.Resolve("Steven Spielberg")!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.NotEmpty(response!.Items);
        Assert.All(response.Items, item => Assert.Contains(item.ItemId, spielberg));
        Assert.DoesNotContain(response.Items, i => i.Title.Contains("Indiana Jones", StringComparison.Ordinal) || i.Title.Contains("Raiders of the Lost Ark", StringComparison.Ordinal) || i.Title.Contains("Jurassic Park", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("films by Qwerty Zxcvb", "Qwerty Zxcvb", "don't know anyone")]
    [InlineData("王铁柱导演的电影有哪些？", "王铁柱", "目录里没有找到")]
    [InlineData("金庸的小说", "Jin Yong", "目录里没有")]
    public async Task A_person_the_catalog_holds_nothing_for_gets_no_items_and_an_honest_answer(string message, string name, string says)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.Empty(response!.Items);
        Assert.Contains(name, response.Explanation, StringComparison.Ordinal);
        Assert.Contains(says, response.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_authors_best_known_books_come_first_not_the_ones_their_name_tags_most()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "books by Stephen King" }, CancellationToken.None);

        Assert.Null(error);
        var titles = response!.Items.Select(i => i.Title).ToList();
        Assert.Contains(titles, t => t.StartsWith("The Shining", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("The Stand", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ursula k le guin, where do i start?", "Ursula K. Le Guin")]
    [InlineData("anything by kristin hannah?", "Kristin Hannah")]
    public async Task A_well_known_author_the_catalog_credits_is_read_by_full_name(string message, string name)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.Contains(name, response!.Intent!.Keywords);
        Assert.Equal(IntentDomains.Book, response.Intent.Domain);
        var theirs = Index.Resolve(name)!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, item => Assert.Contains(item.ItemId, theirs));
    }

    [Fact]
    public async Task People_joined_by_or_ask_for_the_works_of_either()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "jackie chan or john woo movies" }, CancellationToken.None);

        Assert.Null(error);
        var chan = Index.Resolve("Jackie Chan")!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        var woo = Index.Resolve("John Woo")!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.Contains(response!.Items, i => chan.Contains(i.ItemId) && !woo.Contains(i.ItemId));
        Assert.Contains(response.Items, i => woo.Contains(i.ItemId) && !chan.Contains(i.ItemId));
        Assert.All(response.Items, i => Assert.True(chan.Contains(i.ItemId) || woo.Contains(i.ItemId), i.Title));
    }

    [Fact]
    public async Task A_person_ruled_out_later_keeps_the_country_asked_for_before()
    {
        var (one, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "classic novels" }, CancellationToken.None);
        var (two, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "russian ones", ConversationId = one!.ConversationId }, CancellationToken.None);
        var (three, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "skip dostoevsky, already read him", ConversationId = two!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Contains("Russia", three!.Intent!.Keywords);
        var dostoevsky = Index.Resolve("Fyodor Dostoevsky")!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.NotEmpty(three.Items);
        Assert.DoesNotContain(three.Items, i => dostoevsky.Contains(i.ItemId));
    }

    [Fact]
    public async Task An_author_named_before_a_title_read_is_still_asked_for()
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "Murakami books? Already read Norwegian Wood" }, CancellationToken.None);

        Assert.Null(error);
        var murakami = Index.Resolve("Haruki Murakami")!.Items.Select(i => Index.Catalog.Items[i].Id).ToHashSet();
        Assert.NotEmpty(response!.Items);
        Assert.All(response.Items, i => Assert.Contains(i.ItemId, murakami));
    }

    [Fact]
    public async Task A_title_said_with_its_author_is_the_named_book()
    {
        var (response, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "The Secret History by Donna Tartt wrecked me (in a good way). any books with similar dark academic vibes?" },
            CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("book-494", Assert.Single(response!.Intent!.SimilarTo).ItemId);
        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => i.ItemId == "book-494");
    }

    [Theory]
    [InlineData("推荐一些韩国电影", "韩国", "South Korea")]
    [InlineData("宫崎骏的电影", "宫崎骏", "Hayao Miyazaki")]
    public async Task A_Chinese_answer_names_people_and_countries_in_Chinese(string message, string chinese, string english)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        Assert.Contains(chinese + "的", response.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain(english + "的", response.Explanation, StringComparison.Ordinal);
    }
}
