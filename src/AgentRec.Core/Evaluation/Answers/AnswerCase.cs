namespace AgentRec.Core.Evaluation.Answers;

/// <summary>At most <paramref name="Max"/> returned items matching <paramref name="Match"/> count as good.</summary>
public sealed record AnswerCap(int Max, AnswerPredicate Match);

/// <summary>
/// One judged conversation: its turns are sent in order in one conversation and only the answer to the last is judged
/// (the format of shared/eval/README.md).
/// </summary>
/// <param name="Line">The line of the input file the case came from.</param>
/// <param name="Id">The case's id.</param>
/// <param name="Turns">The user's messages, in order.</param>
/// <param name="Relevant">What a returned item must satisfy to fit the request.</param>
/// <param name="Floor">The evidence an item needs to be a fair answer at all; null for none.</param>
/// <param name="Cap">A limit on how many items of one kind count as good; null for none.</param>
/// <param name="MinItems">Fewer returned items than this score 0.</param>
/// <param name="Count">How many items the user asked for.</param>
/// <param name="Domain">The domain asked for; an item of another domain is off the request.</param>
/// <param name="Kind">The kind of request, when the file names it (grouping in reports only).</param>
public sealed record AnswerCase(
    int Line,
    string Id,
    IReadOnlyList<string> Turns,
    AnswerPredicate Relevant,
    AnswerPredicate? Floor,
    AnswerCap? Cap,
    int MinItems,
    int Count,
    JudgedDomain? Domain,
    string? Kind)
{
    /// <summary>True when a turn holds CJK text: the case counts as Chinese.</summary>
    public bool IsChinese => Turns.Any(HasCjk);

    private static bool HasCjk(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF')
            {
                return true;
            }
        }

        return false;
    }
}
