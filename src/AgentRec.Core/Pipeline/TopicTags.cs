using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Which catalog items carry a topic of the request ("zombies", "young-adult"): one of their tags holds the topic, or a
/// word the lexicon reads as it ("gory" for gore), as whole words with hyphens as spaces ("World War II", "young-adult"),
/// or curated knowledge says the item is about it (<see cref="CatalogItem.Topics"/>).
/// </summary>
internal static class TopicTags
{
    /// <summary>The phrases that carry <paramref name="topics"/>: each topic and every phrase the lexicon maps to it, lower-case, hyphens as spaces.</summary>
    public static HashSet<string> Phrases(IEnumerable<string> topics)
    {
        var phrases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var topic in topics)
        {
            phrases.UnionWith(IntentLexicon.PhrasesOf(topic).Select(p => p.Replace('-', ' ')));
        }

        return phrases;
    }

    /// <summary>
    /// True when one of <paramref name="item"/>'s tags holds one of <paramref name="phrases"/> as whole words, or its
    /// title does ("Interview with the Vampire"); a phrase of six letters or more may begin a title's word ("Zombieland").
    /// A feeling ("dark", "epic") is carried by tags only: The Dark Tower is not dark for its name.
    /// </summary>
    public static bool Carries(CatalogItem item, HashSet<string> phrases)
    {
        // The item's words are laid out once per item, lower-case with a space at each end: its title's words, and its
        // tags (hyphens as spaces) joined by " | " so that no phrase runs from one tag into the next. The answer checks
        // every candidate against every topic on each request.
        var texts = Texts.GetValue(item, static i => Tuple.Create($" {TitleWords(i.DisplayTitle)} ", $" {string.Join(" | ", i.Tags.Select(t => t.Replace('-', ' ').ToLowerInvariant()))} "));
        var moods = Intent.Vocabulary.MoodVocabulary.Default;
        // What curated knowledge says the item is about (Catalog.MovieTopics) counts as a tag of it.
        foreach (var topic in item.Topics)
        {
            if (phrases.Contains(topic) || (topic.Contains('-', StringComparison.Ordinal) && phrases.Contains(topic.Replace('-', ' '))))
            {
                return true;
            }
        }

        foreach (var phrase in phrases)
        {
            // A word of six letters or more may begin a title's word ("Zombieland"); tags hold the phrase whole.
            if ((!moods.IsFeeling(phrase) && HoldsWords(texts.Item1, phrase, prefixOfWord: phrase.Length >= 6 && !phrase.Contains(' ', StringComparison.Ordinal)))
                || HoldsWords(texts.Item2, phrase, prefixOfWord: false))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CatalogItem, Tuple<string, string>> Texts = new();

    // Whether text (" words ") holds phrase as whole words, or as the start of a word when prefixOfWord.
    private static bool HoldsWords(string text, string phrase, bool prefixOfWord)
    {
        var span = text.AsSpan();
        for (var at = span.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0;)
        {
            var end = at + phrase.Length;
            if (at > 0 && span[at - 1] == ' ' && (prefixOfWord || (end < span.Length && span[end] == ' ')))
            {
                return true;
            }

            var next = span[(at + 1)..].IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    // Lower-case words of a title, punctuation as spaces.
    private static string TitleWords(string title)
    {
        var chars = new char[title.Length];
        for (var i = 0; i < title.Length; i++)
        {
            chars[i] = char.IsLetterOrDigit(title[i]) ? char.ToLowerInvariant(title[i]) : ' ';
        }

        return new string(chars);
    }

    /// <summary>True when an item at a position <paramref name="allowed"/> admits carries one of <paramref name="topics"/>.</summary>
    public static bool AnyCarries(ItemCatalog catalog, bool[] allowed, IReadOnlyList<string> topics)
    {
        var phrases = Phrases(topics);
        for (var i = 0; i < allowed.Length; i++)
        {
            if (allowed[i] && Carries(catalog.Items[i], phrases))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The catalog positions a request that rules <paramref name="avoided"/> out may return ("fantasy, not YA": no book
    /// shelved as young-adult), within <paramref name="only"/> when given; null when nothing is ruled out.
    /// </summary>
    public static bool[]? Allowed(ItemCatalog catalog, IReadOnlyList<string> avoided, bool[]? only)
    {
        if (avoided.Count == 0)
        {
            return only;
        }

        var phrases = Phrases(avoided);
        var allowed = new bool[catalog.Count];
        for (var i = 0; i < allowed.Length; i++)
        {
            allowed[i] = (only is null || only[i]) && !Carries(catalog.Items[i], phrases);
        }

        return allowed;
    }
}
