namespace AgentRec.Core.Contracts;

/// <summary>Source-generated JSON for the contract types (no reflection per request).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(RecommendationIntent))]
[JsonSerializable(typeof(RecommendationEvent))]
[JsonSerializable(typeof(RecommendRequest))]
[JsonSerializable(typeof(FeedbackRequest))]
[JsonSerializable(typeof(FeedbackAck))]
[JsonSerializable(typeof(RecommendationResponse))]
public sealed partial class PipelineJsonContext : JsonSerializerContext;
