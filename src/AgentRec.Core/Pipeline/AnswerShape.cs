using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using AgentRec.Core.Intent.Vocabulary;
using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Chooses the answer from the ranked candidates so that it reads as a list a person accepts: no editions, box sets or
/// companions unless asked, at most <see cref="MaxPerFranchise"/> works of one franchise (of the named title's own
/// franchise and author, for "more like X"), and for a movie named as the anchor only movies of its kind (its most
/// specific genre, and half its genres).
/// </summary>
internal sealed class AnswerShape
{
    /// <summary>Works of one franchise an answer holds unless the request asks for the series.</summary>
    public const int MaxPerFranchise = 2;

    private readonly Dictionary<string, int> _genreCounts = new(StringComparer.OrdinalIgnoreCase);

    public AnswerShape(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var item in catalog.Items)
        {
            foreach (var genre in item.Genres)
            {
                _genreCounts[genre] = _genreCounts.GetValueOrDefault(genre) + 1;
            }
        }
    }

    /// <summary>The first <paramref name="count"/> candidates, in order, that pass the rules above.</summary>
    public List<ScoredCandidate> Choose(
        RecommendationIntent intent, string message, IReadOnlyList<CatalogItem> anchors, IReadOnlyList<ScoredCandidate> candidates, int count)
    {
        var cues = CueVocabulary.Default;
        var wholeSeries = cues.AsksForWholeSeries(message);
        var editionsAsked = cues.IsEdition(message);
        var kinds = anchors.Where(a => a.Domain == ItemDomain.Movie && a.Genres.Count > 0).Select(KindOf).ToList();
        var chosen = new List<ScoredCandidate>(Math.Min(count, candidates.Count));
        foreach (var c in candidates)
        {
            if (chosen.Count >= count)
            {
                break;
            }

            var item = c.Item;
            if (!editionsAsked && item.Domain == ItemDomain.Book && cues.IsEdition(item.Title))
            {
                continue;
            }

            if (item.Domain == ItemDomain.Movie && kinds.Count > 0 && !kinds.Exists(k => k.Fits(item)))
            {
                continue;
            }

            if (!wholeSeries && (Crowded(chosen, item) || AnchorsCrowded(chosen, anchors, item)))
            {
                continue;
            }

            chosen.Add(c);
        }

        return chosen;
    }

    private static bool Crowded(List<ScoredCandidate> chosen, CatalogItem item) =>
        chosen.Count(c => Franchise.Same(c.Item, item)) >= MaxPerFranchise;

    // "More like X" wants other works: X's franchise (and, for a book, X's author) at most twice in the answer.
    private static bool AnchorsCrowded(List<ScoredCandidate> chosen, IReadOnlyList<CatalogItem> anchors, CatalogItem item)
    {
        if (anchors.Count == 0 || !anchors.Any(a => Related(a, item)))
        {
            return false;
        }

        return chosen.Count(c => anchors.Any(a => Related(a, c.Item))) >= MaxPerFranchise;
    }

    private static bool Related(CatalogItem anchor, CatalogItem item) =>
        Franchise.Same(anchor, item)
        || (anchor.Domain == ItemDomain.Book && item.Domain == ItemDomain.Book && anchor.Creators.Count > 0
            && item.Creators.Contains(anchor.Creators[0], StringComparer.OrdinalIgnoreCase));

    private MovieKind KindOf(CatalogItem anchor)
    {
        // The anchor's most specific genre (the rarest in the catalog; IMAX is a format, not a kind) and half its genres.
        var specific = anchor.Genres.Where(g => !string.Equals(g, "IMAX", StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => _genreCounts.GetValueOrDefault(g)).FirstOrDefault();
        return new MovieKind(anchor.Genres, specific, (anchor.Genres.Count + 1) / 2);
    }

    private sealed record MovieKind(IReadOnlyList<string> Genres, string? Specific, int Shared)
    {
        public bool Fits(CatalogItem item) =>
            (Specific is null || item.HasGenre(Specific)) && Genres.Count(item.HasGenre) >= Shared;
    }
}
