using static AgentRec.Core.Intent.Vocabulary.VocabularyJson;

namespace AgentRec.Core.Intent.Vocabulary;

/// <summary>
/// The ways a message asks what a work is about (cues.json "aboutQuestions"): "what's the second one about?", "what is
/// it about", 第二部讲什么, 讲的是什么. Such a question is answered with the facts of the work it points at.
/// </summary>
internal sealed class AboutQuestionWords
{
    private const string Section = "aboutQuestions";

    // The words between the question's opening and "about", at most this many ("what is the last film you gave about").
    private const int MaxWordsBetween = 5;

    private readonly Regex _pattern;

    private AboutQuestionWords(Regex pattern) => _pattern = pattern;

    /// <summary>True when <paramref name="message"/> asks what a work is about.</summary>
    public bool Asks(string message) => _pattern.IsMatch(message);

    /// <summary>Reads the section from a cue file's root; <paramref name="name"/> names the file in errors.</summary>
    public static AboutQuestionWords Read(JsonElement root, string name)
    {
        if (!root.TryGetProperty(Section, out var s) || s.ValueKind != JsonValueKind.Object)
        {
            throw new VocabularyException($"{name}: '{Section}' must be an object.");
        }

        // English: an opening, one to a few words, then "about" closing the clause ("what about something newer?" has no
        // words between, "what is a good film about robots" goes on after it). Chinese: the phrases anywhere.
        var english = @"\b(?:" + Alternation(NonEmptyStrings(s, "openings", name, Section)) + @")\s+(?:[\p{L}\p{N}'#.-]+\s+){1," + MaxWordsBetween
            + @"}?(?:" + Alternation(NonEmptyStrings(s, "closings", name, Section)) + @")\s*(?:[?.!,;]|$)";
        var chinese = Alternation(NonEmptyStrings(s, "chinese", name, Section));
        return new AboutQuestionWords(new Regex(english + "|" + chinese, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled));
    }
}
