using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// A request for works that stand alone ("the huge series scare me, any standalones?", 单本): no book of a series
/// answers it, and its word is no topic to retrieve or explain by (the books tagged "stand-alone" are mostly romances).
/// </summary>
internal static class StandaloneRequest
{
    private static readonly ConditionalWeakTable<ItemCatalog, bool[]> ByCatalog = new();

    /// <summary>True when <paramref name="intent"/> asks for works that stand alone.</summary>
    public static bool Asked(RecommendationIntent intent) => intent.Keywords.Any(CueVocabulary.Default.IsStandaloneKeyword);

    /// <summary><paramref name="intent"/> without the keywords that ask for works standing alone.</summary>
    public static RecommendationIntent WithoutItsWords(RecommendationIntent intent) =>
        Asked(intent) ? intent with { Keywords = [.. intent.Keywords.Where(k => !CueVocabulary.Default.IsStandaloneKeyword(k))] } : intent;

    /// <summary>Per catalog position, true when the item is no book of a series, volume, collection or edition; worked out once per catalog.</summary>
    public static IReadOnlyList<bool> InNoSeries(ItemCatalog catalog) =>
        ByCatalog.GetValue(catalog, c => [.. c.Items.Select(i => !(i.Domain == ItemDomain.Book
            && (BookSeries.Of(i.Title) is not null || CueVocabulary.Default.TitleSaysPartOfMore(i.Title) || CueVocabulary.Default.IsEdition(i.Title))))]);
}
