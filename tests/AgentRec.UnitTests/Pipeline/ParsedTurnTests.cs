using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;
using AgentRec.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests.Pipeline;

/// <summary>A turn is answered from its parsed request: the feedback signal stored and the item a follow-up points at.</summary>
public sealed class ParsedTurnTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrec-parsed-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _host = await LexicalPipelineHost.StartAsync(_folder);
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_disliked_title_is_stored_with_the_dislike_signal()
    {
        var pipeline = _host!.Services.GetRequiredService<RecommendationPipeline>();

        var (response, error) = await pipeline.CollectAsync(new RecommendRequest { Message = "I hated Titanic", UserId = "reader-7" }, CancellationToken.None);

        Assert.Null(error);
        Assert.NotNull(response);
        var stored = await _host.Services.GetRequiredService<IStateStore>().GetInteractionsAsync("reader-7", CancellationToken.None);
        Assert.Contains(stored, i => i.Kind == InteractionKinds.Dislike);
        Assert.DoesNotContain(stored, i => i.Kind is InteractionKinds.Like or InteractionKinds.Watched);
    }

    [Fact]
    public async Task More_like_the_second_one_anchors_on_the_second_item_of_the_previous_answer()
    {
        var pipeline = _host!.Services.GetRequiredService<RecommendationPipeline>();
        var (first, _) = await pipeline.CollectAsync(new RecommendRequest { Message = "three comedies from the 90s" }, CancellationToken.None);
        var second = first!.Items[1];

        var (next, error) = await pipeline.CollectAsync(
            new RecommendRequest { Message = "more like the second one", ConversationId = first.ConversationId }, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(IntentActions.Similar, next!.Intent!.Action);
        Assert.Equal(second.ItemId, Assert.Single(next.Intent!.SimilarTo).ItemId);
    }
}
