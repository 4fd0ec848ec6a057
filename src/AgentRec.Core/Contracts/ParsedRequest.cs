namespace AgentRec.Core.Contracts;

/// <summary>
/// A message as the parse step read it: the intent, with what the rest of the turn needs from the words and the intent
/// contract leaves out. Only the intent is serialized; the readings stay inside the request.
/// </summary>
/// <param name="Intent">The intent the parser returned.</param>
/// <param name="FeedbackSignal">The signal a feedback turn gives on the titles it names (like, dislike or watched); null for any other action.</param>
/// <param name="ReferencedPosition">The 1-based item of the previous answer the message points at ("the second one", "第二部"), or null.</param>
/// <param name="Language">The language to answer in ("en" or "zh").</param>
public sealed record ParsedRequest(RecommendationIntent Intent, string? FeedbackSignal, int? ReferencedPosition, string Language);
