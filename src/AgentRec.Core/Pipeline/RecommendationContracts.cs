using System.Text.Json.Serialization;
using AgentRec.Core.Intent;

namespace AgentRec.Core.Pipeline;

/// <summary>A recommendation request: the user's message, who they are, and the conversation it continues.</summary>
public sealed record RecommendRequest
{
    /// <summary>The longest message accepted, in UTF-16 code units.</summary>
    public const int MaxMessageLength = 2_000;

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; init; }
}

/// <summary>A feedback signal on one item: like, dislike, watched or skip.</summary>
public sealed record FeedbackRequest
{
    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("itemId")]
    public string? ItemId { get; init; }

    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; init; }

    [JsonPropertyName("signal")]
    public string? Signal { get; init; }
}

/// <summary>The acknowledgement of a durable feedback signal.</summary>
public sealed record FeedbackAck(
    [property: JsonPropertyName("accepted")] bool Accepted,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("signal")] string Signal);

/// <summary>One recommended item as clients see it.</summary>
public sealed record RecommendedItem(
    [property: JsonPropertyName("itemId")] string ItemId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("year")] int? Year,
    [property: JsonPropertyName("genres")] IReadOnlyList<string> Genres,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons);

/// <summary>An error the stream reports before it ends; the connection stays usable.</summary>
public sealed record RecommendationError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>Stable error codes of the contract.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string MessageTooLong = "message_too_long";
    public const string UnknownItem = "unknown_item";
    public const string Forbidden = "forbidden";
    public const string Internal = "internal_error";
    public const string Cancelled = "cancelled";
}

/// <summary>The kinds of <see cref="RecommendationEvent"/>.</summary>
public static class RecommendationEventTypes
{
    public const string Intent = "intent";
    public const string Item = "item";
    public const string Token = "token";
    public const string Done = "done";
    public const string Error = "error";
}

/// <summary>
/// One event of a streamed answer: <c>intent</c>, then one <c>item</c> per item in final order, then the
/// explanation as <c>token</c>s, then <c>done</c> (or <c>error</c>). One flat shape so every client and
/// protocol (JSON, MessagePack) sees the same fields.
/// </summary>
public sealed record RecommendationEvent
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("intent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecommendationIntent? Intent { get; init; }

    [JsonPropertyName("item")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecommendedItem? Item { get; init; }

    [JsonPropertyName("text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("conversationId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; init; }

    [JsonPropertyName("elapsedMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ElapsedMs { get; init; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecommendationError? Error { get; init; }

    public static RecommendationEvent ForIntent(RecommendationIntent intent) => new() { Type = RecommendationEventTypes.Intent, Intent = intent };

    public static RecommendationEvent ForItem(RecommendedItem item) => new() { Type = RecommendationEventTypes.Item, Item = item };

    public static RecommendationEvent ForToken(string text) => new() { Type = RecommendationEventTypes.Token, Text = text };

    public static RecommendationEvent ForDone(string conversationId, long elapsedMs) =>
        new() { Type = RecommendationEventTypes.Done, ConversationId = conversationId, ElapsedMs = elapsedMs };

    public static RecommendationEvent ForError(string code, string message) =>
        new() { Type = RecommendationEventTypes.Error, Error = new RecommendationError(code, message) };
}

/// <summary>The whole answer, for the REST endpoint and agents that do not stream.</summary>
public sealed record RecommendationResponse(
    [property: JsonPropertyName("intent")] RecommendationIntent? Intent,
    [property: JsonPropertyName("items")] IReadOnlyList<RecommendedItem> Items,
    [property: JsonPropertyName("explanation")] string Explanation,
    [property: JsonPropertyName("conversationId")] string? ConversationId);
