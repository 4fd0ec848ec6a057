using AgentRec.Core.State;
using Microsoft.AspNetCore.SignalR;

namespace AgentRec.IntegrationTests;

[Collection(ServiceCollection.Name)]
public sealed class HubTests(AgentRecAppFactory app)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Recommend_streams_intent_then_items_then_tokens_then_done(bool messagePack)
    {
        await using var connection = await app.ConnectAsync(messagePack);

        var events = await CollectAsync(connection, new RecommendRequest
        {
            Message = "recommend five highly rated sci-fi films from the 90s, nothing like horror",
        });

        Assert.Equal(RecommendationEventTypes.Intent, events[0].Type);
        Assert.Equal(RecommendationEventTypes.Done, events[^1].Type);
        var kinds = events.Select(e => e.Type).ToArray();
        var lastItem = Array.LastIndexOf(kinds, RecommendationEventTypes.Item);
        var firstToken = Array.IndexOf(kinds, RecommendationEventTypes.Token);
        Assert.True(lastItem > 0 && firstToken > lastItem, string.Join(",", kinds));
        Assert.False(string.IsNullOrEmpty(events[^1].ConversationId));
        Assert.NotNull(events[^1].ElapsedMs);
    }

    [Fact]
    public async Task MessagePack_clients_see_the_contract_field_names()
    {
        await using var connection = await app.ConnectAsync(messagePack: true);
        var events = new List<Dictionary<object, object?>>();

        await foreach (var e in connection.StreamAsync<Dictionary<object, object?>>("Recommend", new RecommendRequest { Message = "two comedies" }))
        {
            events.Add(e);
        }

        Assert.Equal("intent", events[0]["type"]);
        var intent = Assert.IsAssignableFrom<IDictionary<object, object?>>(events[0]["intent"]);
        Assert.Contains("excludeGenres", intent.Keys);
        Assert.Contains("yearFrom", intent.Keys);
        var item = Assert.IsAssignableFrom<IDictionary<object, object?>>(events[1]["item"]);
        Assert.Contains("itemId", item.Keys);
        Assert.Equal("done", events[^1]["type"]);
        Assert.Contains("conversationId", events[^1].Keys);
    }

    [Fact]
    public async Task Returned_items_meet_every_hard_constraint_of_the_intent()
    {
        await using var connection = await app.ConnectAsync();

        var events = await CollectAsync(connection, new RecommendRequest
        {
            Message = "recommend five highly rated sci-fi films from the 90s, nothing like horror",
        });

        var intent = events[0].Intent!;
        Assert.Equal(["Sci-Fi"], intent.Genres);
        Assert.Equal(["Horror"], intent.ExcludeGenres);
        Assert.Equal((1990, 1999), (intent.YearFrom, intent.YearTo));
        var items = events.Where(e => e.Type == RecommendationEventTypes.Item).Select(e => e.Item!).ToList();
        Assert.Equal(5, items.Count);
        ContractAssert.MeetHardConstraints(intent, items);
    }

    [Fact]
    public async Task Invalid_request_gets_an_error_event_and_the_connection_stays_usable()
    {
        await using var connection = await app.ConnectAsync();

        var bad = await CollectAsync(connection, new RecommendRequest { Message = "   " });
        var tooLong = await CollectAsync(connection, new RecommendRequest { Message = new string('x', RecommendRequest.MaxMessageLength + 1) });
        var good = await CollectAsync(connection, new RecommendRequest { Message = "a comedy" });

        Assert.Equal(ErrorCodes.InvalidRequest, Assert.Single(bad).Error!.Code);
        Assert.Equal(ErrorCodes.MessageTooLong, Assert.Single(tooLong).Error!.Code);
        Assert.Equal(RecommendationEventTypes.Done, good[^1].Type);
    }

    [Fact]
    public async Task Feedback_is_acknowledged_after_it_is_stored()
    {
        await using var connection = await app.ConnectAsync();
        var userId = "it-" + Guid.NewGuid().ToString("N")[..8];

        var ack = await connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = userId, ItemId = "2571", Signal = "like" });

        Assert.True(ack.Accepted);
        var store = app.Services.GetRequiredService<IStateStore>();
        var history = await store.GetInteractionsAsync(userId, CancellationToken.None);
        Assert.Equal(("2571", InteractionKinds.Like), (Assert.Single(history).ItemId, history[0].Kind));
    }

    [Fact]
    public async Task Feedback_for_an_unknown_item_is_refused_with_its_code()
    {
        await using var connection = await app.ConnectAsync();

        var ex = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = "u1", ItemId = "no-such-item", Signal = "like" }));

        Assert.Contains(ErrorCodes.UnknownItem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_in_the_same_conversation_refines_instead_of_starting_over()
    {
        await using var connection = await app.ConnectAsync();
        var first = await CollectAsync(connection, new RecommendRequest { Message = "three comedies from the 90s" });
        var conversationId = first[^1].ConversationId;

        var second = await CollectAsync(connection, new RecommendRequest { Message = "something newer", ConversationId = conversationId });

        var refined = second[0].Intent!;
        Assert.Contains("Comedy", refined.Genres);
        Assert.Equal(conversationId, second[^1].ConversationId);
        var firstIds = first.Where(e => e.Item is not null).Select(e => e.Item!.ItemId).ToHashSet();
        var secondIds = second.Where(e => e.Item is not null).Select(e => e.Item!.ItemId).ToList();
        Assert.NotEmpty(secondIds);
        Assert.DoesNotContain(secondIds, firstIds.Contains);
    }

    [Fact]
    public async Task Chinese_request_gets_a_Chinese_explanation()
    {
        await using var connection = await app.ConnectAsync();

        var events = await CollectAsync(connection, new RecommendRequest { Message = "推荐一部评分高的科幻电影" });

        var intent = events[0].Intent!;
        Assert.Equal(["Sci-Fi"], intent.Genres);
        Assert.Equal(1, intent.Count);
        var explanation = string.Concat(events.Where(e => e.Type == RecommendationEventTypes.Token).Select(e => e.Text));
        Assert.Contains("科幻", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Likes_in_the_session_change_the_next_answer_for_a_new_user()
    {
        await using var connection = await app.ConnectAsync();
        var userId = "cold-" + Guid.NewGuid().ToString("N")[..8];
        var request = new RecommendRequest { Message = "recommend 10 movies", UserId = userId };
        var before = Ids(await CollectAsync(connection, request));

        // Three animated family films: the profile and the CF history both learn from them at once.
        foreach (var itemId in new[] { "1", "2355", "3114" })
        {
            await connection.InvokeAsync<FeedbackAck>("Feedback", new FeedbackRequest { UserId = userId, ItemId = itemId, Signal = "like" });
        }

        var after = Ids(await CollectAsync(connection, request));

        Assert.NotEqual(before, after);
        Assert.DoesNotContain("1", after);
    }

    [Fact]
    public async Task Similar_request_resolves_the_title_and_never_returns_it()
    {
        await using var connection = await app.ConnectAsync();

        var events = await CollectAsync(connection, new RecommendRequest { Message = "movies like Heat" });

        var intent = events[0].Intent!;
        Assert.Equal("similar", intent.Action);
        Assert.Equal("6", Assert.Single(intent.SimilarTo).ItemId);
        var ids = Ids(events);
        Assert.Equal(10, ids.Count);
        Assert.DoesNotContain("6", ids);
    }

    [Theory]
    [InlineData("I already watched Heat", "6", "watched")]
    [InlineData("I didn't like The Matrix", "2571", "dislike")]
    [InlineData("我看过盗火线了", "6", "watched")]
    public async Task Feedback_in_a_message_is_recorded_and_shapes_the_same_answer(string message, string itemId, string signal)
    {
        await using var connection = await app.ConnectAsync();
        var userId = "say-" + Guid.NewGuid().ToString("N")[..8];
        var first = await CollectAsync(connection, new RecommendRequest { Message = "five crime thrillers", UserId = userId });

        var events = await CollectAsync(connection, new RecommendRequest { Message = message, UserId = userId, ConversationId = first[^1].ConversationId });

        Assert.Equal("feedback", events[0].Intent!.Action);
        var stored = await app.Services.GetRequiredService<IStateStore>().GetInteractionsAsync(userId, CancellationToken.None);
        Assert.Contains(stored, i => i.ItemId == itemId && i.Kind == signal);
        var items = events.Where(e => e.Item is not null).Select(e => e.Item!).ToList();
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, i => i.ItemId == itemId);
        Assert.All(items, i => Assert.Contains("Crime", i.Genres));
        var explanation = string.Concat(events.Where(e => e.Type == RecommendationEventTypes.Token).Select(e => e.Text));
        Assert.True(explanation.StartsWith("Noted", StringComparison.Ordinal) || explanation.StartsWith("好的", StringComparison.Ordinal), explanation);
    }

    private static List<string> Ids(List<RecommendationEvent> events) =>
        events.Where(e => e.Type == RecommendationEventTypes.Item).Select(e => e.Item!.ItemId).ToList();

    private static async Task<List<RecommendationEvent>> CollectAsync(HubConnection connection, RecommendRequest request)
    {
        var events = new List<RecommendationEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", request, timeout.Token))
        {
            events.Add(e);
        }

        return events;
    }
}
