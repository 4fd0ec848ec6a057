namespace AgentRec.Core.Explanation;

/// <summary>Picks the language to answer in from the request text.</summary>
public static class Language
{
    public const string English = "en";
    public const string Chinese = "zh";

    /// <summary>"zh" when the message contains CJK ideographs, else "en".</summary>
    public static string Detect(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var c in message)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
            {
                return Chinese;
            }
        }

        return English;
    }
}
