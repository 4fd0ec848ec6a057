using System.Text.RegularExpressions;
using AgentRec.Core.State;

namespace AgentRec.Core.Pipeline;

/// <summary>Which signal a feedback message gives on the titles it names: "I hated X" dislike, "loved X" like, "already watched X" watched.</summary>
public static partial class FeedbackCues
{
    /// <summary>The signal of a message the parser classed as feedback.</summary>
    public static string SignalOf(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Negative().IsMatch(message))
        {
            return InteractionKinds.Dislike;
        }

        return Positive().IsMatch(message) ? InteractionKinds.Like : InteractionKinds.Watched;
    }

    [GeneratedRegex(@"\b(?:did(?:n't| not)\s+(?:like|enjoy)|don'?t\s+like|hated?|disliked?|boring|awful|terrible|not\s+a\s+fan)\b|不喜欢|讨厌|难看|不好看", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    [GeneratedRegex(@"\b(?:loved?|liked?|enjoyed|adored?|favou?rite)\b|喜欢|好看|爱看", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();
}
