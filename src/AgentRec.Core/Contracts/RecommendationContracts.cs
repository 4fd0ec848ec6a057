using System.Runtime.Serialization;

namespace AgentRec.Core.Contracts;

/// <summary>A recommendation request: the user's message, who they are, and the conversation it continues.</summary>
[DataContract]
public sealed record RecommendRequest
{
    /// <summary>The longest message accepted, in UTF-16 code units.</summary>
    public const int MaxMessageLength = 2_000;

    [JsonPropertyName("message"), DataMember(Name = "message")]
    public string? Message { get; init; }

    [JsonPropertyName("userId"), DataMember(Name = "userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("conversationId"), DataMember(Name = "conversationId")]
    public string? ConversationId { get; init; }
}

/// <summary>A feedback signal on one item: like, dislike, watched or skip.</summary>
[DataContract]
public sealed record FeedbackRequest
{
    [JsonPropertyName("userId"), DataMember(Name = "userId")]
    public string? UserId { get; init; }

    [JsonPropertyName("itemId"), DataMember(Name = "itemId")]
    public string? ItemId { get; init; }

    [JsonPropertyName("conversationId"), DataMember(Name = "conversationId")]
    public string? ConversationId { get; init; }

    [JsonPropertyName("signal"), DataMember(Name = "signal")]
    public string? Signal { get; init; }

    /// <summary>
    /// Optional idempotency key chosen by the client (same characters and length as ids): a retried event with the
    /// same key is acknowledged again but stored once.
    /// </summary>
    [JsonPropertyName("eventId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [DataMember(Name = "eventId")]
    public string? EventId { get; init; }
}

/// <summary>The acknowledgement of a durable feedback signal.</summary>
[DataContract]
public sealed record FeedbackAck(
    [property: JsonPropertyName("accepted"), DataMember(Name = "accepted")] bool Accepted,
    [property: JsonPropertyName("userId"), DataMember(Name = "userId")] string UserId,
    [property: JsonPropertyName("itemId"), DataMember(Name = "itemId")] string ItemId,
    [property: JsonPropertyName("signal"), DataMember(Name = "signal")] string Signal);

/// <summary>One recommended item as clients see it.</summary>
[DataContract]
public sealed record RecommendedItem(
    [property: JsonPropertyName("itemId"), DataMember(Name = "itemId")] string ItemId,
    [property: JsonPropertyName("title"), DataMember(Name = "title")] string Title,
    [property: JsonPropertyName("year"), DataMember(Name = "year")] int? Year,
    [property: JsonPropertyName("genres"), DataMember(Name = "genres")] IReadOnlyList<string> Genres,
    [property: JsonPropertyName("score"), DataMember(Name = "score")] double Score,
    [property: JsonPropertyName("reasons"), DataMember(Name = "reasons")] IReadOnlyList<string> Reasons);

/// <summary>An error the stream reports before it ends; the connection stays usable.</summary>
[DataContract]
public sealed record RecommendationError(
    [property: JsonPropertyName("code"), DataMember(Name = "code")] string Code,
    [property: JsonPropertyName("message"), DataMember(Name = "message")] string Message);

/// <summary>
/// The one catalogue of stable error codes, shared by REST problem details, hub <c>error</c> events and hub errors
/// (<c>code: message</c>), and MCP tool and protocol errors.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string MessageTooLong = "message_too_long";
    public const string UnknownItem = "unknown_item";
    public const string Forbidden = "forbidden";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string PayloadTooLarge = "payload_too_large";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Internal = "internal_error";
    public const string Cancelled = "cancelled";
    public const string IndexUnavailable = "index_unavailable";

    /// <summary>The text of an error carried as a plain string (hub errors, MCP errors): <c>code: message</c>.</summary>
    public static string Format(string code, string message) => code + ": " + message;
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
[DataContract]
public sealed record RecommendationEvent
{
    [JsonPropertyName("type"), DataMember(Name = "type")]
    public required string Type { get; init; }

    [JsonPropertyName("intent"), DataMember(Name = "intent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecommendationIntent? Intent { get; init; }

    [JsonPropertyName("item"), DataMember(Name = "item")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RecommendedItem? Item { get; init; }

    [JsonPropertyName("text"), DataMember(Name = "text")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonPropertyName("conversationId"), DataMember(Name = "conversationId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; init; }

    [JsonPropertyName("elapsedMs"), DataMember(Name = "elapsedMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ElapsedMs { get; init; }

    [JsonPropertyName("error"), DataMember(Name = "error")]
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
[DataContract]
public sealed record RecommendationResponse(
    [property: JsonPropertyName("intent"), DataMember(Name = "intent")] RecommendationIntent? Intent,
    [property: JsonPropertyName("items"), DataMember(Name = "items")] IReadOnlyList<RecommendedItem> Items,
    [property: JsonPropertyName("explanation"), DataMember(Name = "explanation")] string Explanation,
    [property: JsonPropertyName("conversationId"), DataMember(Name = "conversationId")] string? ConversationId);
