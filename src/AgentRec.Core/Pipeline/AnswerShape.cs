using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;
using AgentRec.Core.Intent.Vocabulary;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Chooses the answer from the ranked candidates so that it reads as a list a person accepts: no editions, box sets or
/// companions unless asked, at most <see cref="MaxPerFranchise"/> works of one franchise (of the named title's own
/// franchise and author, and <see cref="MaxPerAuthor"/> of any other author, for "more like X"), and for a movie named
/// as the anchor only movies of its kind (its most specific genre, and half its genres) and none of the genres the
/// request's mood would rather leave out, while enough items allow.
/// </summary>
internal sealed class AnswerShape
{
    /// <summary>Works of one franchise an answer holds unless the request asks for the series.</summary>
    public const int MaxPerFranchise = 2;

    /// <summary>Books of one author an answer like a named work holds unless the request names the author or asks for a series.</summary>
    public const int MaxPerAuthor = 3;

    /// <summary>The most movies a tag may be on and still tell what a named film is like ("mafia", not "classic").</summary>
    public const int MaxDistinctiveTagMovies = 25;

    /// <summary>The share of a topic's items a genre must have to be one of the topic's own genres (heist: crime).</summary>
    public const double TopicGenreShare = 0.8;

    private const int MaxMemoTopics = 4096;

    private readonly Dictionary<string, int> _genreCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _tagCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ItemCatalog _catalog;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> _topicGenres = new(StringComparer.OrdinalIgnoreCase);

    public AnswerShape(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        // Movie genres only: the kinds are read for movie anchors, and books' derived genres count otherwise.
        foreach (var item in catalog.Items)
        {
            if (item.Domain != ItemDomain.Movie)
            {
                continue;
            }

            foreach (var genre in item.Genres)
            {
                _genreCounts[genre] = _genreCounts.GetValueOrDefault(genre) + 1;
            }

            foreach (var tag in item.Tags.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                _tagCounts[tag] = _tagCounts.GetValueOrDefault(tag) + 1;
            }
        }
    }

    /// <summary>The first <paramref name="count"/> candidates, in order, that pass the rules above.</summary>
    public List<ScoredCandidate> Choose(
        RecommendationIntent intent, string message, IReadOnlyList<CatalogItem> anchors, IReadOnlyList<ScoredCandidate> candidates, int count,
        IEnumerable<string>? people = null, bool seriesNamed = false, bool finishedBefore = false)
    {
        var cues = CueVocabulary.Default;
        // "Just finished X (all of the series), what next?": none of X's own franchise, in this turn and in the turns
        // that refine it (finishedBefore); otherwise at most two of it.
        // A film series named as the answer ("best James Bond films") is the one case where its films fill the list.
        var finished = finishedBefore || cues.SaysFinished(message);
        var wholeSeries = !finished && (seriesNamed || cues.AsksForWholeSeries(message));
        var editionsAsked = cues.IsEdition(message);
        // "哈利·波特系列全套是哪几本": the named work's series (for a book, its author's works) is the whole answer.
        var membersOnly = anchors.Count > 0 && AsksForMembers(message);
        var anchorLimit = finished ? 0 : MaxPerFranchise;
        // "Murakami books? Already read Norwegian Wood": the author asked for is the answer, only the title read is done.
        var named = (people ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var kinds = anchors.Where(a => a.Domain == ItemDomain.Movie && a.Genres.Count > 0).Select(KindOf).ToList();
        // "Directors like Miyazaki": a genre of tone every named film has (Animation) is what their likeness shares first.
        var sharedTones = anchors.Count(a => a.Domain == ItemDomain.Movie) >= 2
            ? cues.ToneGenres.Where(g => anchors.Where(a => a.Domain == ItemDomain.Movie).All(a => a.HasGenre(g))).ToList()
            : [];
        var avoided = MoodVocabulary.Default.ImpliedExclusions(message.ToLowerInvariant(), intent.Keywords);
        avoided.ExceptWith(intent.Genres);
        var avoidedTopics = TopicTags.Phrases(intent.AvoidKeywords);
        // "Scary horror novels": comics and manga answer a request for books only when it asks for them, names a person
        // (an author who writes them), or is like one.
        var comicsWelcome = !cues.RefusesComics(message)
            && (cues.AsksForComics(message) || named.Count > 0 || anchors.Any(a => a.Domain == ItemDomain.Book && cues.IsComics(a.Tags)));
        // The topics the request names ("zombie movies, only the funny ones"): items tagged with one come first, the
        // others of the right kind fill the answer when too few carry them.
        var topics = intent.Keywords.Select(k => TopicTags.Phrases([k])).ToList();
        // "Psychology books": memoirs and self-help carry the psychology tag too, and come after the books of the shelf asked.
        var otherShelves = cues.OtherShelves(intent.Keywords);
        // A named film's own distinctive tags say what "like it" means ("mafia" for The Godfather, "mindfuck" for
        // Inception): films that share one come first.
        var anchorTags = DistinctiveTags(anchors);
        var chosen = new List<ScoredCandidate>(Math.Min(count, candidates.Count));
        var offTopic = new List<ScoredCandidate>();
        // A later book of a series ("Captain's Fury (Codex Alera, #4)") is no first recommendation to someone who has not
        // read the ones before it: its series' first book, or another, comes first unless the series is what is asked for
        // (or is the named book's own: the next one of a series read so far is what comes after it).
        var laterInSeries = new List<ScoredCandidate>();
        var otherKinds = new List<ScoredCandidate>();
        var sharingTags = new List<ScoredCandidate>();
        foreach (var c in candidates)
        {
            if (chosen.Count >= count)
            {
                break;
            }

            if (!Admits(c.Item, chosen, anchors, editionsAsked, wholeSeries, anchorLimit, named)
                || (membersOnly && !anchors.Any(a => Related(a, c.Item, named))))
            {
                continue;
            }

            if (Unwelcome(c.Item))
            {
                otherKinds.Add(c);
                continue;
            }

            // A film of another kind that shares two of the named film's distinctive tags (Memento for Inception) is
            // closer than one of its kind that shares none.
            if (c.Item.Domain == ItemDomain.Movie && kinds.Count > 0 && (!kinds.Exists(k => k.Fits(c.Item)) || !sharedTones.TrueForAll(c.Item.HasGenre)))
            {
                (c.Item.Tags.Count(anchorTags.Contains) >= 2 ? sharingTags : otherKinds).Add(c);
                continue;
            }

            if ((topics.Count > 0 && !topics.Exists(t => TopicTags.Carries(c.Item, t)))
                || (anchorTags.Count > 0 && !c.Item.Tags.Any(anchorTags.Contains))
                || (c.Item.Domain == ItemDomain.Book && cues.OnOtherShelf(c.Item.Tags, otherShelves)))
            {
                offTopic.Add(c);
                continue;
            }

            if (!wholeSeries && c.Item.Domain == ItemDomain.Book && BookSeries.Number(c.Item.Title) is > 1.0 && !anchors.Any(a => Franchise.Same(a, c.Item)))
            {
                laterInSeries.Add(c);
                continue;
            }

            chosen.Add(c);
        }

        // Too few on the request's topics, of the anchor's kind, or without the genres the mood would rather leave out: the closest others fill
        // the answer rather than leave it short. A request for a topic alone ("heist movies from 2010 on") is filled
        // only with items of the topic's own genres (crime, thriller), never with whatever else is recent.
        var topicGenres = intent.Genres.Count == 0 && topics.Count > 0 && anchors.Count == 0 && named.Count == 0
            ? topics.Select(t => TopicGenres(t, intent.Domain)).Where(g => g.Count > 0).ToList()
            : [];
        // Of the films of other kinds, those that add no tone the named films lack come first (Indiana Jones before Shrek
        // after The Lord of the Rings); the order is otherwise the ranking's.
        var others = kinds.Count > 0 ? otherKinds.OrderBy(c => kinds.Exists(k => k.AddsTone(c.Item)) ? 1 : 0).ToList() : otherKinds;
        foreach (var c in laterInSeries.Concat(sharingTags).Concat(offTopic).Concat(others))
        {
            if (chosen.Count >= count)
            {
                break;
            }

            if (topicGenres.Count > 0 && !topics.Exists(t => TopicTags.Carries(c.Item, t)) && !topicGenres.Exists(g => c.Item.Genres.Any(g.Contains)))
            {
                continue;
            }

            if (Admits(c.Item, chosen, anchors, editionsAsked, wholeSeries, anchorLimit, named))
            {
                chosen.Add(c);
            }
        }

        // "Ursula K. Le Guin, where do I start?": a named person's works are the answer; more of one of their series
        // is better than a short list, with no anchor asked about to leave out.
        if (chosen.Count < count && named.Count > 0 && anchors.Count == 0)
        {
            foreach (var c in candidates)
            {
                if (chosen.Count >= count)
                {
                    break;
                }

                if (!IsUnaskedEdition(c.Item, editionsAsked) && !chosen.Contains(c) && !Unwelcome(c.Item))
                {
                    chosen.Add(c);
                }
            }
        }

        return chosen;

        // Of a genre the mood would rather leave out, of a topic ruled out, or comics unasked for.
        bool Unwelcome(CatalogItem item) =>
            item.Genres.Any(avoided.Contains) || (avoidedTopics.Count > 0 && TopicTags.Carries(item, avoidedTopics))
            || (!comicsWelcome && item.Domain == ItemDomain.Book && cues.IsComics(item.Tags));
    }

    // The genres that at least TopicGenreShare of the catalog's items of the kind carrying the topic have; none when
    // fewer than three items carry it (too few to say).
    private HashSet<string> TopicGenres(HashSet<string> topic, string domain)
    {
        // Topics come from what people type: the memo is bounded, not a record of every word ever asked for.
        if (_topicGenres.Count >= MaxMemoTopics)
        {
            _topicGenres.Clear();
        }

        return _topicGenres.GetOrAdd(domain + "|" + string.Join('|', topic.Order(StringComparer.OrdinalIgnoreCase)), _ =>
        {
            var kind = IntentDomains.ItemKind(domain);
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var carriers = 0;
            foreach (var item in _catalog.Items)
            {
                if ((kind is { } k && item.Domain != k) || !TopicTags.Carries(item, topic))
                {
                    continue;
                }

                carriers++;
                foreach (var genre in item.Genres)
                {
                    counts[genre] = counts.GetValueOrDefault(genre) + 1;
                }
            }

            return carriers < 3 ? [] : counts.Where(p => p.Value >= TopicGenreShare * carriers).Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        });
    }

    // The tags of the movie anchors that are on at least one other movie and at most MaxDistinctiveTagMovies, and are no genre's name.
    private HashSet<string> DistinctiveTags(IReadOnlyList<CatalogItem> anchors)
    {
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var anchor in anchors)
        {
            if (anchor.Domain != ItemDomain.Movie)
            {
                continue;
            }

            foreach (var tag in anchor.Tags)
            {
                if (_tagCounts.GetValueOrDefault(tag) is > 1 and <= MaxDistinctiveTagMovies && !_genreCounts.ContainsKey(tag.Replace(' ', '-')) && !_genreCounts.ContainsKey(tag))
                {
                    tags.Add(tag);
                }
            }
        }

        return tags;
    }

    /// <summary>True when <paramref name="message"/> asks which works make up a named work's series, or their order.</summary>
    public static bool AsksForMembers(string message)
    {
        // "第一部看完了，后面几部按顺序推荐下": the first work is done and the ones after it, in order, are the answer.
        var cues = CueVocabulary.Default;
        return (!cues.SaysFinished(message) || cues.AsksForNextInSeries(message)) && cues.AsksForSeriesMembers(message);
    }

    /// <summary>True when <paramref name="item"/> is a book's edition, box set or companion and the request asked for none.</summary>
    public static bool IsUnaskedEdition(CatalogItem item, bool editionsAsked) =>
        !editionsAsked && item.Domain == ItemDomain.Book && (CueVocabulary.Default.IsEdition(item.Title) || AdaptedByOthers(item));

    /// <summary>
    /// True for a book named after a work of one of its authors who is not its first ("Neil Gaiman's Neverwhere" by
    /// Mike Carey, "Anne McCaffrey's Dragonflight #1"): a graphic novel or stage version of that work, not the work.
    /// </summary>
    internal static bool AdaptedByOthers(CatalogItem item)
    {
        for (var i = 1; i < item.Creators.Count; i++)
        {
            if (item.Title.StartsWith(item.Creators[i] + "'s ", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Admits(
        CatalogItem item, List<ScoredCandidate> chosen, IReadOnlyList<CatalogItem> anchors, bool editionsAsked, bool wholeSeries, int anchorLimit,
        HashSet<string> named)
    {
        if (IsUnaskedEdition(item, editionsAsked))
        {
            return false;
        }

        return wholeSeries || !(Crowded(chosen, item) || (anchors.Count > 0 && AuthorCrowded(chosen, item, named)) || AnchorsCrowded(chosen, anchors, item, anchorLimit, named));
    }

    private static bool Crowded(List<ScoredCandidate> chosen, CatalogItem item) =>
        chosen.Count(c => Franchise.Same(c.Item, item)) >= MaxPerFranchise;

    // "Books like The Three-Body Problem": likeness to a named work is wide, and six books of one other author are a
    // bibliography, not an answer to it. Without a named work an author's many books may be what the request is
    // about (hard sci-fi: Alastair Reynolds), so the rule holds for likeness only.
    private static bool AuthorCrowded(List<ScoredCandidate> chosen, CatalogItem item, HashSet<string> named) =>
        item.Domain == ItemDomain.Book && item.Creators.Count > 0 && !named.Contains(item.Creators[0])
        && chosen.Count(c => c.Item.Domain == ItemDomain.Book && c.Item.Creators.Count > 0
            && string.Equals(c.Item.Creators[0], item.Creators[0], StringComparison.OrdinalIgnoreCase)) >= MaxPerAuthor;

    // "More like X" wants other works: X's franchise (and, for a book, X's author) at most twice in the answer, and not
    // at all once the user says they finished it.
    private static bool AnchorsCrowded(List<ScoredCandidate> chosen, IReadOnlyList<CatalogItem> anchors, CatalogItem item, int limit, HashSet<string> named)
    {
        if (anchors.Count == 0 || !anchors.Any(a => Related(a, item, named)))
        {
            return false;
        }

        return chosen.Count(c => anchors.Any(a => Related(a, c.Item, named))) >= limit;
    }

    // The same franchise, or for books the same author unless the request names that author itself.
    private static bool Related(CatalogItem anchor, CatalogItem item, HashSet<string> named) =>
        Franchise.Same(anchor, item)
        || (anchor.Domain == ItemDomain.Book && item.Domain == ItemDomain.Book && anchor.Creators.Count > 0
            && !named.Contains(anchor.Creators[0])
            && item.Creators.Contains(anchor.Creators[0], StringComparer.OrdinalIgnoreCase));

    private MovieKind KindOf(CatalogItem anchor)
    {
        // Half the anchor's genres and, for an anchor of up to three, its most specific one (the rarest among movies; IMAX
        // is a format, not a kind). With more genres the rarest is often incidental (Forrest Gump's War).
        var specific = anchor.Genres.Count > 3 ? null : anchor.Genres.Where(g => !string.Equals(g, "IMAX", StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => _genreCounts.GetValueOrDefault(g)).FirstOrDefault();
        // An anchor of two genres is both (The Godfather: Crime and Drama); a film like it adds no genre of another tone.
        return new MovieKind(anchor.Genres, specific, anchor.Genres.Count <= 2 ? anchor.Genres.Count : (anchor.Genres.Count + 1) / 2, CueVocabulary.Default.ToneGenres);
    }

    private sealed record MovieKind(IReadOnlyList<string> Genres, string? Specific, int Shared, IReadOnlySet<string> Tones)
    {
        public bool Fits(CatalogItem item) =>
            (Specific is null || item.HasGenre(Specific)) && Genres.Count(item.HasGenre) >= Shared && !AddsTone(item);

        /// <summary>True when the item has a genre of tone (Animation, Comedy) that the named film lacks.</summary>
        public bool AddsTone(CatalogItem item) => item.Genres.Any(g => Tones.Contains(g) && !Genres.Contains(g, StringComparer.OrdinalIgnoreCase));
    }
}
