namespace AgentRec.Core.Intent.Rules;

/// <summary>Misspelt vocabulary words ("recomend", "thriler") corrected to the nearest word with the same first letter.</summary>
internal static class TypoRule
{
    // Typos in the words the rules look for ("recomend", "moive", "thriler", "documentry") are corrected
    // to the nearest vocabulary word with the same first letter.
    internal static string Canonicalize(string word)
    {
        if (word.Length < 5 || word.Length > 20 || IntentLexicon.NotTypos.Contains(word) || IntentLexicon.EnglishGenres.ContainsKey(word))
        {
            return word;
        }

        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return word;
            }
        }

        var targets = TypoTargets;
        if (targets.Contains(word))
        {
            return word;
        }

        var max = word.Length >= 9 ? 2 : 1;
        string? best = null;
        var bestDistance = max + 1;
        foreach (var target in targets)
        {
            if (target[0] != word[0] || Math.Abs(target.Length - word.Length) > max)
            {
                continue;
            }

            var d = IntentText.BoundedDistance(word, target, max);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = target;
            }
        }

        return best ?? word;
    }

    private static readonly HashSet<string> TypoTargets = BuildTypoTargets();

    internal static HashSet<string> BuildTypoTargets()
    {
        var set = new HashSet<string>(IntentLexicon.TypoTargets, StringComparer.Ordinal);
        foreach (var key in IntentLexicon.EnglishGenres.Keys)
        {
            if (key.Length >= 5)
            {
                set.Add(key);
            }
        }

        return set;
    }
}
