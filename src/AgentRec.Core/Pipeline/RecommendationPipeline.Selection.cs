using AgentRec.Core.People;
using AgentRec.Core.State;

namespace AgentRec.Core.Pipeline;

/// <summary>Selection: retrieval under the request's constraints, reranking, personalization and the answer's shape.</summary>
public sealed partial class RecommendationPipeline
{
    /// <summary>The items that answer <paramref name="intent"/> for <paramref name="user"/>, best first (agents and plugins call this with an intent of their own).</summary>
    public Task<IReadOnlyList<ScoredCandidate>> SelectAsync(
        RecommendationIntent intent, string message, UserContext user, ConversationTurn? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        intent = Normalize(intent);
        return SelectAsync(intent, message, user, previous, intent.Action == IntentActions.Smalltalk ? null : PeopleIn(intent, message, previous), newTitlesOnly: intent.Action == IntentActions.Refine && AsksForOthers(message), cancellationToken);
    }

    // As above, with the people the request names already read from it (PeopleIn of the normalised intent and message).
    private async Task<IReadOnlyList<ScoredCandidate>> SelectAsync(
        RecommendationIntent intent, string message, UserContext user, ConversationTurn? previous, PeopleConstraint? named, bool newTitlesOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        intent = Normalize(intent);
        var standalone = StandaloneRequest.Asked(intent);
        intent = StandaloneRequest.WithoutItsWords(intent);
        if (intent.Action == IntentActions.Smalltalk)
        {
            return [];
        }

        // "Something like <a title the catalog does not hold>": nothing else says what is wanted, so a generic list would
        // be presented as a match. The answer is empty and the explanation says the title is unknown. A film series or
        // person the message names ("like the harry potter movies") is known, and answers as a likeness.
        if (OnlyUnknownTitles(intent) && named is not { Named.Count: > 0 } && !(people?.Finder.Find(message.ToLowerInvariant()).Any(m => m.Known) ?? false))
        {
            return [];
        }

        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in user.History)
        {
            excluded.Add(h.ItemId);
        }

        excluded.UnionWith(intent.LeaveOut);
        // "Underrated fantasy, no tolkien no harry potter": a book series turned down by name is left out.
        excluded.UnionWith(Series.Refused(message, people?.Knowledge.Cues.SeriesNames ?? []));

        // "Books like Hitchhiker's Guide but by other authors", 换个作者: the named books' authors and series are left out.
        if (Intent.Vocabulary.CueVocabulary.Default.AsksForOtherAuthors(message) && AnchorItems(intent) is { Count: > 0 } namedWorks)
        {
            excluded.UnionWith(catalog.Items.Where(i => namedWorks.Exists(a => SameAuthorOrSeries(i, a))).Select(i => i.Id));
        }

        // "Saw The Martian, want to read the book it's based on": the named work in its other form is the answer, when
        // the catalog holds it; otherwise works like it of that form.
        if (intent.SimilarTo.Count > 0 && Intent.Vocabulary.CueVocabulary.Default.AdaptationAsked(message) is { } form
            && IntentDomains.ItemKind(form) is { } kind)
        {
            var known = FloorFor(hiddenGems: false, namesPeople: true);
            var adapted = Adaptation.Of(
                catalog.Items.Where(i => !excluded.Contains(i.Id) && known.Admits(i) && !AnswerShape.IsUnaskedEdition(i, editionsAsked: false)), AnchorItems(intent), kind);
            if (adapted.Count > 0)
            {
                return [.. adapted.Take(intent.Count).Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1.0))];
            }
        }

        // "Some poirot books", then "just the three most classic ones": the series named is the answer, within the
        // request's other constraints.
        if (SeriesAsked(intent, message, previous, excluded) is { Count: > 0 } namedSeries)
        {
            return namedSeries;
        }

        var restrictToPrevious = previous is { ItemIds.Count: > 0 } && FollowUps.RefersToPreviousList(message);
        if (previous is not null && !restrictToPrevious && newTitlesOnly)
        {
            // "Something newer" wants new titles, not the same ones again.
            excluded.UnionWith(previous.ItemIds);
        }

        // A named person or studio is a hard constraint on who made the items; one the catalog holds nothing for gets
        // no items (the explanation says so), never a generic list.
        if (named is not null)
        {
            if (named.Unanswerable)
            {
                return [];
            }

            intent = StandaloneRequest.WithoutItsWords(named.RetrievalIntent);
            // "A cookbook by Stephen King": a kind of book asked of an author none of whose books is one has no answer
            // (the explanation says so), not a list of their other books.
            var forms = intent.Keywords.Where(Intent.Vocabulary.CueVocabulary.Default.IsBookForm).ToList();
            if (named.Named.Count > 0 && intent.Domain == IntentDomains.Book && forms.Count > 0 && !TopicTags.AnyCarries(catalog, named.Allowed, forms))
            {
                return [];
            }
        }

        IReadOnlyList<ScoredCandidate> candidates;
        var hiddenGems = HiddenGemsAsked(intent, message, previous);
        // A person, studio or country named lowers the floor: their lesser-known works are still what was asked for.
        var floor = FloorFor(hiddenGems, named is { Named.Count: > 0 });
        // A country's films are many and mostly little rated here: "japanese anime films" asks for the ones people know
        // where there are a few of them, the lesser known only where there are not ("korean thrillers": one has ten ratings).
        var knownFirst = !hiddenGems && named is { Named.Count: > 0 } && named.Named.All(p => IsCountry(p.Name));
        using (Stage("retrieve"))
        {
            var limit = Math.Max(100, intent.Count * 10);
            // Every item allowed for a named person is theirs: their name says nothing about which is the better answer
            // (a lesser book that carries "stephen-king" as its first tag is no better a Stephen King book than The Shining).
            var searchText = named is { Named.Count: > 0 } or { Described.Count: > 0 } ? WithoutNames(message) : message;
            // "Ok im bored, just tell me something good to watch": nothing the parser read says what kind, and the
            // message's other words (bored, weekend, planned) would pick items by chance resemblance; the best known and
            // best rated answer it.
            // "Any fantasy standalones?": the genre and the standing alone are all it says; the best known such works answer it.
            if (standalone && intent.Keywords.Count == 0 && intent.SimilarTo.Count == 0 && named is null)
            {
                searchText = "";
                intent = intent.Sort == IntentSorts.Relevance ? intent with { Sort = IntentSorts.Popularity } : intent;
            }

            if (IsOpen(intent, named))
            {
                searchText = "";
            }

            var only = TopicTags.Allowed(catalog, intent.AvoidKeywords, named?.Allowed);
            if (standalone)
            {
                only = PositionMask.And(only, StandaloneRequest.InNoSeries(catalog));
            }

            // A hidden gem is little known for its time too (Retrieval.CatalogFilterIndex.LessKnown).
            if (hiddenGems && named is not { Named.Count: > 0 })
            {
                only = PositionMask.And(only, Retrieval.CatalogFilterIndex.Of(catalog).LessKnown);
            }

            candidates = await retriever.RetrieveAsync(new RetrievalQuery(intent, searchText, excluded, limit) { Floor = floor, Only = only }, cancellationToken).ConfigureAwait(false);
            // "80s horror, the slasher kind": the few items tagged with a topic may rank below the request's other words;
            // when the candidates hold too few of them they are fetched too, so that the answer's shape can put them first
            // (AnswerShape.Choose).
            if (!restrictToPrevious && intent.Keywords.Count > 0 && Topics.Carrying(intent.Keywords, only) is { } carrying
                && candidates.Count(c => carrying[c.CatalogIndex]) < intent.Count)
            {
                var known = candidates.Select(c => c.Item.Id).ToHashSet(StringComparer.Ordinal);
                var topical = await retriever.RetrieveAsync(new RetrievalQuery(intent, searchText, excluded, TopicPoolSize) { Floor = floor, Only = carrying }, cancellationToken).ConfigureAwait(false);
                candidates = [.. candidates, .. topical.Where(c => known.Add(c.Item.Id))];
            }

            // "Best fantasy books", "最受欢迎的奇幻小说": under a rating or popularity sort the genre is the whole request,
            // and the items its words match best (the most fantasy-tagged epics) leave out the genre's best known works;
            // those are fetched too, so that the sort chooses among them. Standalones are a narrower ask: the genre's
            // famous works are mostly of series, and its famous single books mostly only shelved under it (The Alchemist).
            if (!restrictToPrevious && !standalone && RanksAGenre(intent, named))
            {
                var known = candidates.Select(c => c.Item.Id).ToHashSet(StringComparer.Ordinal);
                var itemKind = IntentDomains.ItemKind(intent.Domain);
                var leaders = PositionMask.And(only, GenreLeaders.Of(catalog, intent.Genres, itemKind, intent.YearFrom, intent.YearTo));
                var best = await retriever.RetrieveAsync(new RetrievalQuery(intent, searchText, excluded, TopicPoolSize) { Floor = floor, Only = leaders }, cancellationToken).ConfigureAwait(false);
                // A book shelved under the genre only in passing (Stephen King's horror carries Fantasy) is no answer
                // while enough of the books its readers shelve there first are at hand.
                candidates = itemKind == ItemDomain.Book && best.Count >= intent.Count
                    ? best
                    : [.. candidates, .. best.Where(c => known.Add(c.Item.Id))];
            }

            if (restrictToPrevious)
            {
                var allowed = previous!.ItemIds.ToHashSet(StringComparer.Ordinal);
                candidates = candidates.Where(c => allowed.Contains(c.Item.Id)).ToArray();
            }
        }

        using (Stage("rerank"))
        {
            candidates = await RerankGuardedAsync(intent, message, candidates, cancellationToken).ConfigureAwait(false);
        }

        using (Stage("personalize"))
        {
            candidates = await personalizer.PersonalizeAsync(user, intent, candidates, cancellationToken).ConfigureAwait(false);
        }

        var seriesNamed = named is not null && (named.SeriesAsked || named.Named.Any(p => p.Role == PersonRole.Franchise));
        // "Christopher Nolan, which of his films are worth it? already seen the dark knight": a work of the person asked
        // for that is done is no anchor; their other works are the answer.
        var anchors = named is { Done.Count: > 0 } ? AnchorItems(intent).FindAll(a => !named.Done.Contains(a.Id)) : AnchorItems(intent);
        // "Watched all the Toy Story movies" then "something from the 90s": the anchor's series is still done.
        var finishedBefore = intent.Action == IntentActions.Refine && anchors.Count > 0 && previous?.Message is { } said
            && Intent.Vocabulary.CueVocabulary.Default.SaysFinished(said);
        List<ScoredCandidate> Choose(IReadOnlyList<ScoredCandidate> from) =>
            Shape.Choose(intent, message, anchors, from, intent.Count, named?.Named.Select(p => p.Name), seriesNamed, finishedBefore);
        var shaped = Choose(candidates);
        if (knownFirst)
        {
            // The films that meet the usual floor answer when there are a few of them; otherwise the lesser known do.
            var known = FloorFor(hiddenGems: false, namesPeople: false);
            var knownOnly = Choose([.. candidates.Where(c => known.Admits(c.Item))]);
            shaped = knownOnly.Count >= Math.Min(MinKnownCountryItems, intent.Count) ? knownOnly : shaped;
        }

        // "Need one page turner thriller": one or two asked for are the best known of the few best matches, not the first
        // by a chance of words.
        if (intent.Count <= 2 && anchors.Count == 0 && named is not { Named.Count: > 0 } && !hiddenGems && !restrictToPrevious
            && intent.Sort == IntentSorts.Relevance)
        {
            var pool = Shape.Choose(intent, message, anchors, candidates, SinglePickPool, named?.Named.Select(p => p.Name), seriesNamed, finishedBefore);
            shaped = [.. pool.OrderByDescending(c => c.Item.Popularity).Take(intent.Count)];
        }

        var chosen = PresentInOrder(intent, [.. shaped]);

        // "Finished the first Mistborn book, which one next?": the work after it in its series comes first.
        // "和第二部类似的" after a list: 第二部 is the list's second item, not the second part of its series.
        if (anchors.Count == 1 && Intent.Vocabulary.CueVocabulary.Default.AsksForNextInSeries(message) && !PointsIntoAnswer(message, previous, anchors[0])
            && NextInSeries(anchors[0], excluded, floor) is { } following)
        {
            var top = chosen.Any() ? chosen.Max(c => c.RetrievalScore) : 1.0;
            chosen = [new ScoredCandidate(following, catalog.IndexOf(following.Id), top), .. chosen.Where(c => c.Item.Id != following.Id).Take(intent.Count - 1)];
        }

        // "哈利·波特系列全套是哪几本": the works of the named one's series, itself among them, in their order.
        if (anchors.Count > 0 && AnswerShape.AsksForMembers(message))
        {
            var top = chosen.Any() ? chosen.Max(c => c.RetrievalScore) : 1.0;
            // The series from the catalog where the work has one (films of one stem, books of one series), whatever
            // retrieval found; otherwise what the answer chose (for a book, its author's works).
            var series = SeriesOf(anchors, excluded, Intent.Vocabulary.CueVocabulary.Default.IsEdition(message));
            var members = anchors.Select(a => new ScoredCandidate(a, catalog.IndexOf(a.Id), top))
                .Concat(series.Count > 0 ? series.Select(i => new ScoredCandidate(i, catalog.IndexOf(i.Id), top)) : chosen)
                .DistinctBy(c => c.Item.Id).ToList();
            // "Which Harry Potter film is best?": the best rated first; otherwise the series' own order.
            if (intent.Sort == IntentSorts.Rating)
            {
                return [.. members.OrderByDescending(c => c.Item.MeanRating).Take(intent.Count)];
            }

            // "Which ones come after the first one?": the series less its first work.
            var inOrder = members.OrderBy(c => Catalog.BookSeries.Number(c.Item.Title) ?? double.MaxValue).ThenBy(c => c.Item.Year ?? int.MaxValue);
            return [.. inOrder.Skip(members.Count > 1 && Intent.Vocabulary.CueVocabulary.Default.AsksForNextInSeries(message) ? 1 : 0).Take(intent.Count)];
        }

        // The films of a named series, with no order asked for, come in the order they were released: the order to
        // watch them in.
        return intent.Sort == IntentSorts.Relevance && seriesNamed ? [.. chosen.OrderBy(c => c.Item.Year ?? int.MaxValue)] : chosen;
    }

    // The works of a series the message (or, for a refinement, the message before it) asks for by name that meet the
    // request's constraints: the best known (or best rated, or newest, as asked) up to its count, in the series' order.
    private List<ScoredCandidate>? SeriesAsked(RecommendationIntent intent, string message, ConversationTurn? previous, HashSet<string> excluded)
    {
        var names = people?.Knowledge.Cues.SeriesNames ?? [];
        var anchors = AnchorItems(intent);
        var members = Series.Asked(message, anchors, names)
            ?? (intent.Action == IntentActions.Refine && previous?.Message is { } said ? Series.Asked(said, anchors, names) : null);
        if (members is null)
        {
            return null;
        }

        var kind = IntentDomains.ItemKind(intent.Domain);
        // "哈利波特系列，书和电影都要", "harry potter stuff": a book series asked for as films or in either kind brings the
        // films of its name.
        if (kind is null or ItemDomain.Movie && members.Count > 0 && members.TrueForAll(m => m.Domain == ItemDomain.Book)
            && Catalog.BookSeries.Of(members[0].Title) is { Length: > 0 } seriesName)
        {
            var key = seriesName.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? seriesName[4..] : seriesName;
            members = [.. members, .. catalog.Items.Where(i => i.Domain == ItemDomain.Movie && i.DisplayTitle.Contains(key, StringComparison.OrdinalIgnoreCase))];
        }

        var floor = FloorFor(hiddenGems: false, namesPeople: true);
        var fitting = members.Where(i => (kind is null || i.Domain == kind) && !excluded.Contains(i.Id) && floor.Admits(i) && !AnswerShape.IsUnaskedEdition(i, editionsAsked: false)
            && i.HasAllGenres(intent.Genres) && !intent.ExcludeGenres.Any(i.HasGenre)
            && (intent.YearFrom is not { } from || i.Year >= from) && (intent.YearTo is not { } to || i.Year <= to));
        var best = intent.Sort switch
        {
            IntentSorts.Rating => fitting.OrderByDescending(i => i.MeanRating),
            IntentSorts.Newest => fitting.OrderByDescending(i => i.Year ?? int.MinValue),
            _ => fitting.OrderByDescending(i => i.Popularity),
        };
        var chosen = best.Take(intent.Count).ToList();
        var ordered = intent.Sort == IntentSorts.Relevance
            ? chosen.OrderBy(i => Catalog.BookSeries.Number(i.Title) ?? double.MaxValue).ThenBy(i => i.Year ?? int.MaxValue).ToList()
            : chosen;
        return [.. ordered.Select((i, at) => new ScoredCandidate(i, catalog.IndexOf(i.Id), 1.0 - (at * 0.01)))];
    }

    /// <summary>How many of the best matches a request for one or two items picks the best known of.</summary>
    private const int SinglePickPool = 5;

    /// <summary>How many of a country's films that meet the usual evidence floor make an answer of their own.</summary>
    private const int MinKnownCountryItems = 3;

    /// <summary>How many items carrying the request's topics are fetched beside the request's own candidates.</summary>
    private const int TopicPoolSize = 60;

    // The message with the people and studios it names blanked out.
    private string WithoutNames(string message)
    {
        if (people is null)
        {
            return message;
        }

        var text = message.ToLowerInvariant().ToCharArray();
        foreach (var mention in people.Finder.Find(new string(text)))
        {
            if (mention.Start >= 0 && mention.Start + mention.Length <= text.Length)
            {
                Array.Fill(text, ' ', mention.Start, mention.Length);
            }
        }

        return new string(text);
    }

    // The work after the anchor in its series (SeriesOf): for a book the next number of its series, for a movie the next
    // film of its franchise by year; null when there is none known enough (or the user has had it).
    private CatalogItem? NextInSeries(CatalogItem anchor, HashSet<string> excluded, EvidenceFloor floor)
    {
        // The next of a series needs the evidence any answer needs (a film of one rating that shares a title's first
        // word is no sequel anyone knows); the hidden-gem ceiling is no reason to skip it.
        var known = new EvidenceFloor(floor.MovieRatings, floor.BookRatings);
        var series = SeriesOf([anchor], excluded, editionsAsked: false).FindAll(known.Admits);
        if (anchor.Domain == ItemDomain.Book)
        {
            return Catalog.BookSeries.Number(anchor.Title) is { } number
                ? series.Where(i => Catalog.BookSeries.Number(i.Title) is { } n && n > number && n == Math.Floor(n)).MinBy(i => Catalog.BookSeries.Number(i.Title))
                : null;
        }

        return anchor.Year is { } year ? series.Where(i => i.Year > year).MinBy(i => i.Year) : null;
    }

    // The catalog's other works of the anchors' franchises, less editions (unless asked) and what the user has had.
    private List<CatalogItem> SeriesOf(IReadOnlyList<CatalogItem> anchors, HashSet<string> excluded, bool editionsAsked) =>
        [.. catalog.Items.Where(i => !excluded.Contains(i.Id) && !anchors.Contains(i) && anchors.Any(a => Franchise.Same(a, i))
            && !AnswerShape.IsUnaskedEdition(i, editionsAsked))];

    private bool IsCountry(string name) => people?.Knowledge.Collections.Any(c => c.IsCountry && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? false;

    // A request for movies that names no genre, topic, title or person ("anything good for the weekend?", "only the
    // ones from after 2000 please", "something to watch after the kids go to bed"): years alone say when, not what, and
    // genres ruled out say what not.
    // Movies only: a book's shelves are tagged richly enough that the message's own words find what it is about ("a fun
    // beach read", "something for our book club").
    private static bool IsOpen(RecommendationIntent intent, PeopleConstraint? named) =>
        intent.Domain == IntentDomains.Movie && intent.Genres.Count == 0 && intent.Keywords.Count == 0 && intent.SimilarTo.Count == 0
        && named is null && intent.AvoidKeywords.Count == 0;

    // A book by one of the named book's authors, of its series, or named after its series (The Hunger Games Tribute Guide).
    private static bool SameAuthorOrSeries(CatalogItem item, CatalogItem named) =>
        item.Domain == ItemDomain.Book && named.Domain == ItemDomain.Book
        && (item.Creators.Intersect(named.Creators, StringComparer.OrdinalIgnoreCase).Any()
            || (Catalog.BookSeries.Of(named.Title) is { Length: > 0 } series
                && (string.Equals(Catalog.BookSeries.Of(item.Title), series, StringComparison.OrdinalIgnoreCase)
                    || Regex.IsMatch(item.DisplayTitle, @"\b" + Regex.Escape(series.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? series[4..] : series) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))));

    private static bool PointsIntoAnswer(string message, ConversationTurn? previous, CatalogItem anchor) =>
        previous is { ItemIds.Count: > 0 } && FollowUps.ReferencedPosition(message, previous.ItemIds.Count) is { } position
        && string.Equals(previous.ItemIds[position - 1], anchor.Id, StringComparison.Ordinal);

    private static bool RanksAGenre(RecommendationIntent intent, PeopleConstraint? named) =>
        intent.Sort is IntentSorts.Rating or IntentSorts.Popularity && intent.Genres.Count > 0 && intent.Keywords.Count == 0 && intent.SimilarTo.Count == 0
        && named is null && intent.AvoidKeywords.Count == 0;

    private static bool OnlyUnknownTitles(RecommendationIntent intent) =>
        intent.SimilarTo.Count > 0 && intent.SimilarTo.All(t => t.ItemId is null)
        && intent.Genres.Count == 0 && intent.Keywords.Count == 0 && intent.YearFrom is null && intent.YearTo is null;

    /// <summary>
    /// The evidence floor of a request: the configured one; for "hidden gems" a lower floor and a ceiling; for a named
    /// person or studio the lower floor, since their lesser-known works are still what was asked for.
    /// </summary>
    // "冷门一点的科幻片" then "要2010年以后的": a refinement keeps asking for the less known.
    private static bool HiddenGemsAsked(RecommendationIntent intent, string message, ConversationTurn? previous)
    {
        var cues = Intent.Vocabulary.CueVocabulary.Default;
        return cues.AsksForHiddenGems(message)
            || (intent.Action == IntentActions.Refine && previous is not null && cues.AsksForHiddenGems(previous.Message));
    }

    private EvidenceFloor FloorFor(bool hiddenGems, bool namesPeople)
    {
        var o = options.Value;
        if (namesPeople)
        {
            return new EvidenceFloor(o.RelaxedMinMovieRatings, o.RelaxedMinBookRatings);
        }

        return hiddenGems
            ? new EvidenceFloor(o.RelaxedMinMovieRatings, o.RelaxedMinBookRatings)
            {
                MaxMovieRatings = o.HiddenGemMaxMovieRatings,
                MaxBookRatings = o.HiddenGemMaxBookRatings,
                MinMeanRating = o.HiddenGemMinMeanRating,
                MinBookMeanRating = o.HiddenGemMinBookMeanRating,
            }
            : new EvidenceFloor(o.MinMovieRatings, o.MinBookRatings);
    }

    // The people and studios the intent's keywords name (and the message rules out or takes as a measure).
    private PeopleConstraint? PeopleIn(RecommendationIntent intent, string message, ConversationTurn? previous) =>
        people is null ? null : PeopleConstraint.For(
            people, catalog, intent, Intent.Vocabulary.CueVocabulary.Default.SaysFinished(message) && Intent.Vocabulary.CueVocabulary.Default.AsksForOthers(message),
            message, previous?.Message);

    /// <summary>
    /// Under an explicit sort the chosen items are shown in that order by the figures the answer states (mean rating,
    /// number of ratings, year), so "highest rated first" and "newest first" hold for what the user reads; which items
    /// are chosen still weighs relevance and the user's history. Stable: ties keep the ranking's order.
    /// </summary>
    internal static ScoredCandidate[] PresentInOrder(RecommendationIntent intent, ScoredCandidate[] chosen) => intent.Sort switch
    {
        IntentSorts.Rating => [.. chosen.OrderByDescending(c => Math.Round(c.Item.MeanRating, 1))],
        IntentSorts.Popularity => [.. chosen.OrderByDescending(c => c.Item.Popularity)],
        IntentSorts.Newest => [.. chosen.OrderByDescending(c => c.Item.Year ?? int.MinValue)],
        _ => chosen,
    };

    // The items of an earlier answer in their order, with the reasons and content scores of the request that chose them.
    private async Task<IReadOnlyList<ScoredCandidate>> PreviousAnswerAsync(
        RecommendationIntent intent, string requestMessage, IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        var candidates = new List<ScoredCandidate>(itemIds.Count);
        foreach (var id in itemIds)
        {
            if (catalog.IndexOf(id) is var index and >= 0)
            {
                candidates.Add(new ScoredCandidate(catalog.Items[index], index, 1));
            }
        }

        IReadOnlyList<ScoredCandidate> scored;
        using (Stage("rerank"))
        {
            scored = await RerankGuardedAsync(intent, requestMessage, candidates, cancellationToken).ConfigureAwait(false);
        }

        foreach (var c in scored)
        {
            c.FinalScore = c.RerankScore;
        }

        return candidates;
    }
}
