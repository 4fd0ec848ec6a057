using System.Text.Json.Serialization;
using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;

namespace AgentRec.Plugins;

/// <summary>The answer to a recommendation request.</summary>
public sealed record RecommendationResult(
    [property: JsonPropertyName("intent")] AgentRec.Core.Contracts.RecommendationIntent Intent,
    [property: JsonPropertyName("items")] IReadOnlyList<RecommendedItem> Items,
    [property: JsonPropertyName("explanation")] string Explanation);

/// <summary>Grounded facts about one item, and why it suits a user when one is given.</summary>
public sealed record ItemExplanation(
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("year")] int? Year,
    [property: JsonPropertyName("genres")] IReadOnlyList<string> Genres,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("meanRating")] double MeanRating,
    [property: JsonPropertyName("ratingCount")] int RatingCount,
    [property: JsonPropertyName("becauseYouLiked")] IReadOnlyList<string> BecauseYouLiked,
    [property: JsonPropertyName("text")] string Text);

/// <summary>The acknowledgement of a stored feedback signal.</summary>
public sealed record FeedbackResult(
    [property: JsonPropertyName("recorded")] bool Recorded,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("signal")] string Signal);

/// <summary>One candidate's relevance to the query; the list is ordered best first.</summary>
public sealed record RerankedCandidate(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("score")] double Score);
