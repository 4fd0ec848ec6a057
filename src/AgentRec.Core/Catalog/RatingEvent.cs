namespace AgentRec.Core.Catalog;

/// <summary>One rating from a source data set: who rated what, how much, and when (Unix seconds).</summary>
public readonly record struct RatingEvent(string UserId, string ItemId, float Rating, long Timestamp);
