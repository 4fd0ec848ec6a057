using AgentRec.Core.State;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Which signal a feedback message gives on the titles it names: "I hated X", "X was not funny at all", "X太烂了" dislike;
/// "loved X", "X was amazing", "X太好看了" like; "already watched X" watched; "besides X", "除了X" skip. A negative cue wins over a positive one.
/// </summary>
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

        // "Besides The Matrix", "除了千与千寻": those titles are skipped in this answer, not judged or seen.
        if (Intent.Vocabulary.CueVocabulary.Default.LeavesOut(message))
        {
            return InteractionKinds.Skip;
        }

        return Positive().IsMatch(message) ? InteractionKinds.Like : InteractionKinds.Watched;
    }

    [GeneratedRegex(@"\b(?:did(?:n't| not)\s+(?:like|enjoy)|don'?t\s+like|hated?|disliked?|boring|awful|terrible|not\s+a\s+fan|(?:could(?:n'?t| not)|can'?t|cannot)\s+stand|(?:was|is|were)(?:n'?t|\s+not)\s+(?:\w+\s+)?(?:funny|good|great|scary|worth|interesting|fun|for\s+me)|not\s+(?:funny|good|great|worth\s+it)|overrated|disappointing|disappointed|waste\s+of|worst|dull|(?<!not\s)bad|trash|garbage|mediocre|unwatchable|meh|lame|stupid)\b|不喜欢|讨厌|难看|不好看|无聊|失望|太烂|很烂|烂片|不怎么样|一般般|没意思", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    [GeneratedRegex(@"\b(?:loved?|liked?|enjoyed|adored?|favou?rite|great|amazing|awesome|brilliant|fantastic|masterpiece|excellent|wonderful|incredible|superb|hilarious|beautiful|not\s+bad)\b|喜欢|好看|爱看|精彩|很棒|不错|感人|神作", RegexOptions.IgnoreCase)]
    private static partial Regex Positive();
}
