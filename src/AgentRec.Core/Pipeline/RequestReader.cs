namespace AgentRec.Core.Pipeline;

/// <summary>
/// Completes a parse, whichever parser made the intent: reads once from the message what the turn needs beside it
/// (a feedback turn's signal, the item of the previous answer pointed at, the answer language), so no later step
/// reads the raw message for them again.
/// </summary>
public static class RequestReader
{
    /// <summary>
    /// Reads <paramref name="message"/> around its parsed <paramref name="intent"/>; <paramref name="previousCount"/> is
    /// how many items the previous answer had (0 when there was none).
    /// </summary>
    public static ParsedRequest Read(string message, RecommendationIntent intent, int previousCount)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(intent);
        return new ParsedRequest(
            intent,
            intent.Action == IntentActions.Feedback ? FeedbackCues.SignalOf(message) : null,
            previousCount > 0 ? FollowUps.ReferencedPosition(message, previousCount) : null,
            Explanation.Language.Detect(message));
    }
}
