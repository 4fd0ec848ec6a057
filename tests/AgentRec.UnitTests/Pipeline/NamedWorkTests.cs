using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>
/// Requests that name a work and ask for it in another form or for its series, and requests that name a region, a
/// person's style or a title holding a person's name: the whole pipeline over the real catalog.
/// </summary>
public sealed class NamedWorkTests : LexicalPipelineTest
{
    private ItemCatalog Catalog => Services.GetRequiredService<ItemCatalog>();

    [Theory]
    [InlineData("I saw the martian movie, want to read the book it's based on")]
    [InlineData("我看过火星救援的电影，想看它的原著小说")]
    public async Task The_book_a_named_film_was_made_from_is_the_answer(string message)
    {
        var response = await ConverseAsync(message);

        Assert.Equal(IntentDomains.Book, response.Intent!.Domain);
        var book = ItemOf(Assert.Single(response.Items));
        Assert.Equal(ItemDomain.Book, book.Domain);
        Assert.Equal("The Martian", book.DisplayTitle);
        Assert.Contains("Andy Weir", book.Creators);
    }

    [Fact]
    public async Task The_film_of_a_named_book_is_the_answer()
    {
        var response = await ConverseAsync("the hunger games book vs movie, I want the movie version");

        Assert.Equal(IntentDomains.Movie, response.Intent!.Domain);
        var film = ItemOf(Assert.Single(response.Items));
        Assert.Equal("The Hunger Games", film.DisplayTitle);
        Assert.Equal(ItemDomain.Movie, film.Domain);
    }

    [Fact]
    public async Task A_series_named_with_its_books_is_the_answer_and_stays_it_when_refined()
    {
        var first = await ConverseAsync("recommend some poirot books");

        Assert.Equal(3, first.Items.Count);
        Assert.All(first.Items, i => Assert.Equal("Hercule Poirot", BookSeries.Of(ItemOf(i).Title)));

        var (next, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "just the three most classic ones", ConversationId = first.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(3, next!.Items.Count);
        Assert.All(next.Items, i => Assert.Equal("Hercule Poirot", BookSeries.Of(ItemOf(i).Title)));
    }

    [Fact]
    public async Task A_series_named_in_chinese_beside_its_author_is_the_answer()
    {
        var response = await ConverseAsync("阿西莫夫的书里想看基地系列");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.StartsWith("Foundation", BookSeries.Of(ItemOf(i).Title), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_series_loved_asks_for_other_works()
    {
        var response = await ConverseAsync("I loved the Foundation books, what should I read next?");

        Assert.NotEmpty(response.Items);
        Assert.True(response.Items.Count(i => BookSeries.Of(ItemOf(i).Title)?.StartsWith("Foundation", StringComparison.Ordinal) == true) <= 2);
    }

    [Fact]
    public async Task A_word_for_a_subject_is_no_series()
    {
        var response = await ConverseAsync("some vampire books");

        Assert.NotEmpty(response.Items);
        Assert.True(response.Items.Select(i => BookSeries.Of(ItemOf(i).Title)).Where(s => s is not null).GroupBy(s => s).All(g => g.Count() < response.Items.Count));
    }

    [Fact]
    public async Task Chinese_language_cinema_is_hong_kong_and_mainland_films()
    {
        var response = await ConverseAsync("有什么好看的华语电影吗？ 港台大陆的都行");

        Assert.NotEmpty(response.Items);
        var region = Services.GetRequiredService<PeopleIndex>().Resolve("Chinese-language")!.Items.ToHashSet();
        Assert.All(response.Items, i => Assert.Contains(Catalog.IndexOf(i.ItemId), region));
    }

    [Fact]
    public async Task A_chinese_title_holding_a_persons_name_is_the_title()
    {
        var response = await ConverseAsync("海边的卡夫卡");

        Assert.Contains(response.Intent!.SimilarTo, t => t.ItemId == "book-430");
        Assert.DoesNotContain("Franz Kafka", response.Intent.Keywords);
    }

    [Fact]
    public async Task An_author_turned_down_after_the_name_is_left_out()
    {
        var response = await ConverseAsync("推荐恐怖小说", "斯蒂芬金的就不要了 看太多了");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.DoesNotContain("Stephen King", ItemOf(i).Creators));
    }

    [Fact]
    public async Task A_directors_likeness_keeps_the_tone_their_films_share()
    {
        var response = await ConverseAsync("像宫崎骏那样的导演，推荐几部");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.Contains("Animation", i.Genres));
    }

    [Fact]
    public async Task The_book_of_a_film_named_before_and_its_authors_other_books()
    {
        var book = await ConverseAsync("hi! I just watched The Martian and loved it", "is the book any good? I want to read the book it's based on");

        var given = ItemOf(Assert.Single(book.Items));
        Assert.Equal("The Martian", given.DisplayTitle);
        Assert.Contains("The Martian was made from", book.Explanation, StringComparison.Ordinal);

        var (more, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = "cool, what else did that author write?", ConversationId = book.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(more!.Items);
        Assert.All(more.Items, i => Assert.Contains("Andy Weir", ItemOf(i).Creators));
        Assert.DoesNotContain(more.Items, i => i.ItemId == given.Id);
    }

    [Fact]
    public async Task A_person_pointed_back_at_is_asked_for_again()
    {
        var response = await ConverseAsync("brandon sanderson books", "already read all of mistborn, what else has he got");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.Contains("Brandon Sanderson", ItemOf(i).Creators));
        Assert.DoesNotContain(response.Items, i => BookSeries.Of(ItemOf(i).Title) == "Mistborn");
    }

    [Fact]
    public async Task Similar_to_a_series_named_before_asks_for_others()
    {
        var response = await ConverseAsync("star wars is my all time fav, just binged the whole saga again", "whats similar to it?");

        Assert.NotEmpty(response.Items);
        Assert.DoesNotContain(response.Items, i => i.Title.Contains("Star Wars", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_request_narrowed_to_years_keeps_to_the_well_known()
    {
        var response = await ConverseAsync("what should i watch tonight", "only the ones from after 2000 please");

        Assert.NotEmpty(response.Items);
        Assert.All(response.Items, i => Assert.True(i.Year > 2000 && ItemOf(i).Popularity >= 30, i.Title));
    }
}
