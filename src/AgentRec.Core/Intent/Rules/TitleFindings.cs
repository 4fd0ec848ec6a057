namespace AgentRec.Core.Intent.Rules;

/// <summary>The titles a request names, the tokens they cover, and the cue that introduced them.</summary>
internal sealed class TitleFindings(int tokenCount)
{
    public bool[] Masked { get; } = new bool[tokenCount];

    public List<TitleReference> Titles { get; } = [];

    /// <summary>Substrings of the lower-case text that are titles inside CJK runs.</summary>
    public List<string> MaskedText { get; } = [];

    public bool Similar { get; set; }

    public bool Feedback { get; set; }

    /// <summary>Some titles were named to be left out ("besides The Matrix", "除了千与千寻").</summary>
    public bool LeaveOut => LeftOut.Count > 0;

    /// <summary>The titles named to be left out: a request's anchors only when no other title is one.</summary>
    public List<TitleReference> LeftOut { get; } = [];

    public void Add(TitleReference title)
    {
        foreach (var t in Titles)
        {
            if (title.ItemId is not null ? t.ItemId == title.ItemId : string.Equals(t.Title, title.Title, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        Titles.Add(title);
    }

    /// <summary>The message's canonical words with each title span replaced by §.</summary>
    internal static string BuildCanonical(List<IntentToken> tokens, TitleFindings found)
    {
        var sb = new StringBuilder(tokens.Count * 6);
        var lastMasked = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (found.Masked[i])
            {
                if (!lastMasked)
                {
                    sb.Append(" § ");
                }

                lastMasked = true;
                continue;
            }

            lastMasked = false;
            if (tokens[i].SpaceBefore && sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(tokens[i].Canon);
        }

        var canon = sb.ToString();
        foreach (var span in found.MaskedText)
        {
            canon = canon.Replace(span, "§", StringComparison.Ordinal);
        }

        return canon;
    }
}
