using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent.Vocabulary;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>Comics, manga and graphic novels answer a request for books only when it asks for them or is like one.</summary>
public sealed class BookFormatTests : LexicalPipelineTest
{
    private bool IsComics(RecommendedItem item)
    {
        var catalog = Services.GetRequiredService<ItemCatalog>();
        return CueVocabulary.Default.IsComics(catalog.Items[catalog.IndexOf(item.ItemId)].Tags);
    }

    [Theory]
    [InlineData("what are the scariest horror novels you know?")]
    [InlineData("recommend some fantasy books")]
    [InlineData("推荐几本科幻小说")]
    public async Task A_request_for_books_is_answered_with_prose(string message)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(response!.Items);
        Assert.DoesNotContain(response.Items, IsComics);
    }

    [Theory]
    [InlineData("graphic novels for adults")]
    [InlineData("books like Watchmen")]
    [InlineData("推荐几本漫画")]
    public async Task Comics_answer_when_asked_for_or_like_one(string message)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        Assert.True(response!.Items.Count(IsComics) * 2 > response.Items.Count, string.Join(", ", response.Items.Select(i => i.Title)));
    }

    [Fact]
    public void A_book_is_comics_by_its_first_tags_only()
    {
        var cues = CueVocabulary.Default;
        Assert.True(cues.IsComics(["graphic-novels", "fiction"]));
        Assert.False(cues.IsComics(["fantasy", "fiction", "young-adult", "magic", "classics", "adventure", "graphic-novels"]));
        Assert.True(cues.AsksForComics("any good manga?"));
        Assert.False(cues.AsksForComics("any good novels?"));
    }
}
