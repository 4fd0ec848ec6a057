namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// The request mix the load generator sends: English and Chinese, genres, years, sorting, named titles, and
/// follow-ups that continue the client's previous conversation.
/// </summary>
internal static class BenchRequests
{
    /// <summary>First messages of a conversation.</summary>
    public static readonly IReadOnlyList<string> Openers =
    [
        "recommend three comedies from the 90s",
        "movies like Heat",
        "something like The Matrix but not horror",
        "top 5 highly rated dramas",
        "a scary movie from the 80s",
        "popular animated movies for kids",
        "recent sci-fi movies about time travel",
        "five crime thrillers since 2005",
        "war movies before 1980",
        "books like The Hunger Games",
        "a few good fantasy books",
        "romantic comedies, nothing with horror",
        "推荐几部90年代的科幻电影",
        "评分高的动画片",
        "五部热门的喜剧",
        "最新的惊悚片",
        "类似盗火线的电影",
        "documentaries about music",
        "the best westerns",
        "a couple of mysteries from 1999",
    ];

    /// <summary>Messages that refine the previous answer in the same conversation.</summary>
    public static readonly IReadOnlyList<string> FollowUps =
    [
        "something newer",
        "more like the first one",
        "only comedies",
        "older ones please",
        "更新一点的",
        "I already watched Heat",
    ];

    /// <summary>
    /// The next request of a client: a follow-up on its conversation about a third of the time, otherwise a new
    /// opener; a quarter of the clients send a user id (personalised answers), the others are anonymous.
    /// </summary>
    public static RecommendRequest Next(Random random, int client, string? conversationId)
    {
        ArgumentNullException.ThrowIfNull(random);
        var userId = client % 4 == 0 ? "bench-" + client.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        if (conversationId is not null && random.Next(3) == 0)
        {
            return new RecommendRequest { Message = FollowUps[random.Next(FollowUps.Count)], UserId = userId, ConversationId = conversationId };
        }

        return new RecommendRequest { Message = Openers[random.Next(Openers.Count)], UserId = userId };
    }
}
