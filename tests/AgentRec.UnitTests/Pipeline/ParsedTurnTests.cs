using AgentRec.Core.Contracts;
using AgentRec.Core.State;
using Microsoft.Extensions.DependencyInjection;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>A turn is answered from its parsed request: the feedback signal stored and the item a follow-up points at.</summary>
public sealed class ParsedTurnTests : LexicalPipelineTest
{
    [Fact]
    public async Task A_disliked_title_is_stored_with_the_dislike_signal()
    {
        var pipeline = Pipeline;

        var (response, error) = await pipeline.CollectAsync(new RecommendRequest { Message = "I hated Titanic", UserId = "reader-7" }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotNull(response);
        var stored = await Services.GetRequiredService<IStateStore>().GetInteractionsAsync("reader-7", CancellationToken.None);
        Assert.Contains(stored, i => i.Kind == InteractionKinds.Dislike);
        Assert.DoesNotContain(stored, i => i.Kind is InteractionKinds.Like or InteractionKinds.Watched);
    }

    [Fact]
    public async Task More_like_the_second_one_anchors_on_the_second_item_of_the_previous_answer()
    {
        var pipeline = Pipeline;
        var (first, _) = await pipeline.CollectAsync(new RecommendRequest { Message = "three comedies from the 90s" }, CancellationToken.None);
        var second = first!.Items[1];

        var (next, error) = await pipeline.CollectAsync(
            new RecommendRequest { Message = "more like the second one", ConversationId = first.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IntentActions.Similar, next!.Intent!.Action);
        Assert.Equal(second.ItemId, Assert.Single(next.Intent!.SimilarTo).ItemId);
    }

    [Fact]
    public async Task A_topic_ruled_out_stays_out_in_the_turns_after_it_and_out_of_the_contract_json()
    {
        var (first, _) = await Pipeline.CollectAsync(new RecommendRequest { Message = "any good fantasy books? not YA please" }, CancellationToken.None);
        var (second, error) = await Pipeline.CollectAsync(
            new RecommendRequest { Message = "older ones, before 2000", ConversationId = first!.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotEmpty(second!.Items);
        Assert.Equal(["young-adult"], second.Intent!.AvoidKeywords);
        var catalog = Services.GetRequiredService<AgentRec.Core.Catalog.ItemCatalog>();
        Assert.All(second.Items, i => Assert.DoesNotContain(catalog.Items[catalog.IndexOf(i.ItemId)].Tags, t => t.Equals("young-adult", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain("avoidKeywords", System.Text.Json.JsonSerializer.Serialize(second.Intent), StringComparison.Ordinal);
    }
}
