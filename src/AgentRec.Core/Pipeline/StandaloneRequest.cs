using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// A request for works that stand alone ("the huge series scare me, any standalones?", 单本): no book of a series
/// answers it, and its word is no topic to retrieve or explain by (the books tagged "stand-alone" are mostly romances).
/// </summary>
internal static class StandaloneRequest
{
    /// <summary>True when <paramref name="intent"/> asks for works that stand alone.</summary>
    public static bool Asked(RecommendationIntent intent) => intent.Keywords.Any(CueVocabulary.Default.IsStandaloneKeyword);

    /// <summary><paramref name="intent"/> without the keywords that ask for works standing alone.</summary>
    public static RecommendationIntent WithoutItsWords(RecommendationIntent intent) =>
        Asked(intent) ? intent with { Keywords = [.. intent.Keywords.Where(k => !CueVocabulary.Default.IsStandaloneKeyword(k))] } : intent;

    /// <summary>The positions of <paramref name="only"/> (every item when null) that are no book of a series.</summary>
    public static bool[] Allowed(ItemCatalog catalog, bool[]? only)
    {
        var allowed = new bool[catalog.Count];
        for (var i = 0; i < allowed.Length; i++)
        {
            var item = catalog.Items[i];
            allowed[i] = (only is null || only[i]) && !(item.Domain == ItemDomain.Book && BookSeries.Of(item.Title) is not null);
        }

        return allowed;
    }
}
