namespace AgentRec.Core.Contracts;

/// <summary>Turns a message into an intent. Implementations: the LLM parser and the deterministic rule parser.</summary>
public interface IIntentParser
{
    /// <summary>Parses <paramref name="message"/>; <paramref name="previous"/> is the conversation's last intent, for follow-ups.</summary>
    ValueTask<RecommendationIntent> ParseAsync(string message, RecommendationIntent? previous, CancellationToken cancellationToken);
}
