namespace AgentRec.Core.Evaluation.Answers;

/// <summary>The service's answer to the last turn of a conversation.</summary>
/// <param name="ItemIds">The returned items' ids, in order.</param>
/// <param name="Explanation">The explanation text.</param>
/// <param name="IntentJson">The intent the service reported, as JSON.</param>
public sealed record AnswerReply(IReadOnlyList<string> ItemIds, string Explanation, string IntentJson);

/// <summary>Where the judged answers come from: sends a case's turns in order in one new conversation.</summary>
public interface IAnswerSource
{
    /// <summary>Sends <paramref name="turns"/> in order in one conversation and returns the answer to the last.</summary>
    Task<AnswerReply> AskAsync(IReadOnlyList<string> turns, CancellationToken cancellationToken);
}
