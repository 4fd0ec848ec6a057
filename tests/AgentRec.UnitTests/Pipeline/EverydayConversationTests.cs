using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent.Vocabulary;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>The whole pipeline (rules, lexical retrieval, the real catalog) in conversations as people hold them.</summary>
public sealed class EverydayConversationTests : LexicalPipelineTest
{
    [Theory]
    [InlineData("I want to get into fantasy books but the huge series scare me, any standalones?", "Fantasy")]
    [InlineData("推荐几本单本的科幻小说，不要系列", "Sci-Fi")]
    public async Task Standalone_books_are_well_known_books_of_no_series(string message, string genre)
    {
        var response = await ConverseAsync(message);

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i =>
        {
            var item = ItemOf(i);
            Assert.Equal(ItemDomain.Book, item.Domain);
            Assert.Contains(genre, item.Genres);
            Assert.Null(BookSeries.Of(item.Title));
            Assert.True(item.Popularity >= 50_000, $"{item.Title} has {item.Popularity} ratings");
        });
        Assert.DoesNotContain("tagged \"stand", response.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("any standalone fantasy novels? the big series scare me", "highly rated ones please")]
    [InlineData("推荐几本单本的奇幻小说，不要系列", "要评分高的")]
    public async Task Standalone_books_sorted_by_rating_are_still_single_works(string message, string refinement)
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = refinement, ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(next!.Items);
        Assert.All(next.Items, i =>
        {
            var item = ItemOf(i);
            Assert.Contains("Fantasy", item.Genres);
            Assert.False(CueVocabulary.Default.IsEdition(item.Title) || CueVocabulary.Default.TitleSaysPartOfMore(item.Title), item.Title);
        });
    }

    [Theory]
    [InlineData("best fantasy books", "Fantasy")]
    [InlineData("最受欢迎的奇幻小说", "Fantasy")]
    [InlineData("评分最高的恐怖小说", "Horror")]
    public async Task The_best_of_a_book_genre_are_its_well_known_works_not_the_most_tagged(string message, string genre)
    {
        var response = await ConverseAsync(message);

        Assert.True(response.Items.Count >= 3);
        var items = response.Items.Select(ItemOf).ToList();
        Assert.All(items, item => Assert.Contains(genre, item.Genres));
        Assert.All(items, item => Assert.False(AnswerShape.IsUnaskedEdition(item, editionsAsked: false), item.Title));
        // The genre's famous works, not the items whose readers tagged them with the genre's word most.
        var famous = items.Count(item => item.Popularity >= 100_000);
        Assert.True(famous * 2 >= items.Count, string.Join(", ", items.Select(i => $"{i.DisplayTitle} {i.Popularity}")));
    }

    [Theory]
    [InlineData("best fantasy books", "only the ones before 1990")]
    [InlineData("评分最高的奇幻小说", "只要1990年以前的")]
    public async Task The_best_of_a_book_genre_within_years_are_books_shelved_there_first(string message, string refinement)
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = refinement, ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.True(next!.Items.Count >= 3);
        Assert.All(next.Items.Select(ItemOf), item =>
        {
            Assert.True(item.Year < 1990, item.DisplayTitle);
            // Stephen King's horror carries Fantasy too, as a passing label: its readers shelve it as horror first.
            Assert.Contains(item.Tags.Take(3), t => t.Contains("fantasy", StringComparison.OrdinalIgnoreCase));
        });
    }

    [Theory]
    [InlineData("recommend some 90s sci-fi movies", "what's the second one about?")]
    [InlineData("推荐几部90年代的科幻电影", "第二部讲什么")]
    public async Task Asking_what_a_listed_work_is_about_explains_that_work(string message, string question)
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = question, ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IntentActions.Explain, next!.Intent!.Action);
        Assert.Equal([first.Items[1].ItemId], next.Items.Select(i => i.ItemId));
    }

    [Theory]
    [InlineData("哈利波特第一本读完了，接下来读哪本")]
    [InlineData("finished the first harry potter book. which one next?")]
    public async Task Asking_which_book_comes_next_after_finishing_one_is_the_next_book(string message)
    {
        var response = await ConverseAsync(message);

        var item = ItemOf(Assert.Single(response.Items));
        Assert.StartsWith("Harry Potter and the Chamber of Secrets", item.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("books like the hunger games but by other authors")]
    [InlineData("类似饥饿游戏的书，换个作者")]
    public async Task Works_like_a_named_book_by_other_authors_leave_out_its_author_and_series(string message)
    {
        var response = await ConverseAsync(message);

        Assert.True(response.Items.Count >= 3);
        Assert.All(response.Items.Select(ItemOf), item =>
        {
            Assert.DoesNotContain("Suzanne Collins", item.Creators);
            Assert.DoesNotContain("Hunger Games", item.Title, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("recommend some 90s sci-fi movies", "what's the first one about?", "more like that one")]
    [InlineData("推荐几部90年代的科幻电影", "第一部讲什么", "再来几部像这部的")]
    public async Task After_a_question_about_one_work_more_like_it_keeps_the_request_and_anchors_on_that_work(string message, string question, string more)
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);
        var (about, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = question, ConversationId = first!.ConversationId }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = more, ConversationId = first.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        var explained = Assert.Single(about!.Items).ItemId;
        Assert.Equal([explained], next!.Intent!.SimilarTo.Select(t => t.ItemId));
        Assert.Equal((1990, 1999), (next.Intent.YearFrom, next.Intent.YearTo));
        Assert.NotEmpty(next.Items);
        Assert.All(next.Items, i =>
        {
            Assert.NotEqual(explained, i.ItemId);
            Assert.InRange(ItemOf(i).Year ?? 0, 1990, 1999);
        });
    }

    [Fact]
    public async Task An_authors_books_without_the_comics_when_they_are_turned_down()
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "neil gaiman books?" }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "just his novels, not the comics or graphic novel stuff", ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(next!.Items);
        var catalog = Services.GetRequiredService<ItemCatalog>();
        Assert.All(next.Items, i => Assert.False(CueVocabulary.Default.IsComics(catalog.Items[catalog.IndexOf(i.ItemId)].Tags), i.Title));
    }

    [Fact]
    public async Task The_second_one_after_two_named_titles_is_the_second_named()
    {
        var (first, _) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "i really liked gone girl and pride and prejudice, what should i read next?" }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "more like the second one", ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("book-10", Assert.Single(next!.Intent!.SimilarTo).ItemId);
    }

    [Theory]
    [InlineData("有没有冷门一点的科幻片")]
    [InlineData("underrated sci-fi movies")]
    public async Task A_hidden_gem_is_little_known_for_its_time(string message)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        var catalog = Services.GetRequiredService<ItemCatalog>();
        var lessKnown = CatalogFilterIndex.Of(catalog).LessKnown;
        Assert.All(response.Items, i => Assert.True(lessKnown[catalog.IndexOf(i.ItemId)], i.Title));
    }

    [Fact]
    public async Task Two_people_joined_by_or_after_a_word_about_the_first_ask_for_either()
    {
        var (response, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "old school hong kong action, like john woo shootouts or jackie chan doing insane stunts" }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
    }

    [Theory]
    [InlineData("《哈利·波特》第一部看完了，后面几部按顺序推荐下", IntentDomains.Movie)]
    [InlineData("哈利波特第一本读完了，后面几本按顺序推荐下", IntentDomains.Book)]
    public async Task The_works_after_the_first_come_in_order_when_asked_for_however_many(string message, string domain)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Equal(domain, response!.Intent!.Domain);

        Assert.Null(error);
        var titles = response!.Items.Select(i => i.Title).ToList();
        Assert.True(titles.Count >= 6, string.Join(", ", titles));
        Assert.StartsWith("Harry Potter and the Chamber of Secrets", titles[0], StringComparison.Ordinal);
        Assert.StartsWith("Harry Potter and the Deathly Hallows", titles[5], StringComparison.Ordinal);
        Assert.DoesNotContain(titles, t => t.StartsWith("Harry Potter and the Sorcerer's Stone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_person_who_only_wrote_the_named_book_here_leaves_others_like_it()
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "东野圭吾的《嫌疑人X的献身》刚看完，太绝了" }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "还有类似的推理小说吗", ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(next!.Items);
        Assert.DoesNotContain(next.Items, i => i.ItemId == "book-6232");
    }

    [Fact]
    public async Task A_book_shelved_as_horror_thriller_is_horror_when_horror_is_turned_down()
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "斯蒂芬·金的小说推荐几本" }, CancellationToken.None);

        var (next, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "我胆子小，不要太吓人的", ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(next!.Items);
        Assert.DoesNotContain(next.Items, i => i.Title.StartsWith("The Shining", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_titles_of_an_era_say_when_and_the_conversation_keeps_what_it_asked()
    {
        var answer = await ConverseAsync("spooky books for october? i scare easily so nothing too gory", "ooh older ones, like dracula / frankenstein era");

        Assert.NotEmpty(answer.Items);
        Assert.Equal(IntentActions.Refine, answer.Intent!.Action);
        Assert.Empty(answer.Intent.SimilarTo);
        Assert.All(answer.Items, i => Assert.True(ItemOf(i).Year <= answer.Intent.YearTo, i.Title));
        Assert.True(answer.Intent.YearTo < 1950);
    }

    [Fact]
    public async Task A_film_series_seen_to_death_is_a_measure_for_others()
    {
        var answer = await ConverseAsync("star wars nerd here but ive rewatched all of them to death. other space adventure movies?");

        Assert.NotEmpty(answer.Items);
        Assert.DoesNotContain(answer.Items, i => i.Title.Contains("Star Wars", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_persons_work_already_seen_leaves_their_others()
    {
        var answer = await ConverseAsync("ok christopher nolan. which of his films are worth it? already seen the dark knight");

        Assert.True(answer.Items.Count >= 3, string.Join(", ", answer.Items.Select(i => i.Title)));
        Assert.DoesNotContain(answer.Items, i => i.ItemId == "58559");
    }

    [Fact]
    public async Task A_topic_the_user_tags_hardly_know_is_found_by_what_films_are_about()
    {
        var answer = await ConverseAsync("80s horror recs?", "more the slasher kind, masked guy picking off teenagers one by one");

        Assert.True(answer.Items.Count(i => ItemOf(i).Topics.Contains("slasher")) >= 3, string.Join(", ", answer.Items.Select(i => i.Title)));
        Assert.All(answer.Items, i => Assert.InRange(ItemOf(i).Year ?? 0, 1980, 1989));
    }

    [Fact]
    public async Task A_title_seen_mid_conversation_stays_out_of_the_requests_that_follow()
    {
        var answer = await ConverseAsync("good heist movies?", "hmm i've seen ocean's eleven", "ok just give me your top 3 then");

        Assert.Equal(3, answer.Items.Count);
        Assert.DoesNotContain(answer.Items, i => i.ItemId == "4963");
        Assert.Contains("heist", answer.Intent!.Keywords, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Authors_ruled_out_take_the_companions_of_their_series_with_them()
    {
        var answer = await ConverseAsync("fantasy books, not tolkien or rowling");

        Assert.NotEmpty(answer.Items);
        Assert.DoesNotContain(answer.Items, i => i.Title.Contains("Lord of the Rings", StringComparison.Ordinal) || i.Title.Contains("Harry Potter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_request_for_movies_gets_well_rated_known_films()
    {
        var answer = await ConverseAsync("ok im bored out of my mind. just tell me something good to watch, honestly not picky");

        Assert.NotEmpty(answer.Items);
        Assert.All(answer.Items, i => Assert.True(ItemOf(i).MeanRating >= 3.5 && ItemOf(i).Popularity >= 30, i.Title));
    }

    [Fact]
    public async Task A_series_named_in_chinese_narrows_an_authors_books_to_it()
    {
        var answer = await ConverseAsync("阿加莎·克里斯蒂的书里，想看波洛探案的");

        Assert.True(answer.Items.Count >= 5, string.Join(", ", answer.Items.Select(i => i.Title)));
        Assert.All(answer.Items, i => Assert.Contains("Poirot", ItemOf(i).Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_countrys_cinema_is_its_films_however_little_they_are_tagged()
    {
        var answer = await ConverseAsync("八十年代的香港动作片");

        Assert.True(answer.Items.Count >= 2, string.Join(", ", answer.Items.Select(i => i.Title)));
        Assert.All(answer.Items, i => Assert.Contains("Hong Kong", ItemOf(i).Topics));
    }
}
