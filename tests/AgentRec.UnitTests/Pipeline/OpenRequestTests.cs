using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>The whole pipeline (rules, lexical retrieval, the real catalog) asked an open question in chat phrasing.</summary>
public sealed class OpenRequestTests : LexicalPipelineTest
{
    [Theory]
    [InlineData("What do you think are the greatest movies of all time?")]
    [InlineData("in your opinion, which are the best films ever?")]
    [InlineData("greatest movies of all time")]
    public async Task Chat_phrasing_around_an_open_request_changes_nothing_of_its_answer(string message)
    {
        var (response, error) = await Pipeline.CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);

        Assert.Null(error);
        var catalog = Services.GetRequiredService<ItemCatalog>();
        Assert.Equal(10, response!.Items.Count);
        // The greatest by a catalog's ratings are the widely rated and highly rated, not a handful of fans' favourites.
        Assert.All(response.Items, i => Assert.True(catalog.TryGet(i.ItemId, out var item) && item.Popularity >= 100, $"{i.Title} is little rated"));
    }
}
