using System.Runtime.ExceptionServices;
using AgentRec.Core.Catalog;
using AgentRec.Core.Intent.Rules;
using AgentRec.Core.Intent.Vocabulary;
using AgentRec.Core.People;
using static AgentRec.Core.Intent.Rules.ActionRule;
using static AgentRec.Core.Intent.Rules.CountRule;
using static AgentRec.Core.Intent.Rules.DomainRule;
using static AgentRec.Core.Intent.Rules.GenreRule;
using static AgentRec.Core.Intent.Rules.RefinementRule;
using static AgentRec.Core.Intent.Rules.SortRule;
using static AgentRec.Core.Intent.Rules.TopicRule;
using static AgentRec.Core.Intent.Rules.WordLists;
using static AgentRec.Core.Intent.Rules.YearRule;

namespace AgentRec.Core.Intent;

/// <summary>
/// Deterministic, fast parsing of English and Chinese requests into the intent contract: vocabularies for genres,
/// sorts, counts and topics, rules for years and negation, title spans resolved through <see cref="TitleResolver"/>,
/// and follow-ups that refine the previous intent; each slot is read by its own rule under Intent/Rules. Never throws
/// on any text; thread-safe.
/// </summary>
public sealed class RuleIntentParser : IIntentParser
{
    private readonly PeopleRule _people;
    private readonly TitleFinder _titles;
    private readonly TitleKinds _kinds;
    private readonly TimeProvider _time;

    /// <summary>
    /// A parser that resolves named titles with <paramref name="titles"/> (without one, titles stay unresolved) and reads
    /// people and studios with <paramref name="people"/> (the curated data embedded in the assembly by default); spans
    /// of years back ("the last 10 years") count from the year <paramref name="time"/> gives (the system clock by default).
    /// </summary>
    /// <exception cref="VocabularyException">A vocabulary file embedded in the assembly is malformed.</exception>
    public RuleIntentParser(TitleResolver? titles = null, PersonFinder? people = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        // The word lists are data: a malformed file stops start-up here, naming the file, not on the first request.
        _ = ParserWords.Default;
        try
        {
            RuntimeHelpers.RunClassConstructor(typeof(IntentLexicon).TypeHandle);
        }
        catch (TypeInitializationException ex) when (ex.InnerException is VocabularyException malformed)
        {
            ExceptionDispatchInfo.Throw(malformed);
        }

        _people = new PeopleRule(titles, people ?? PersonFinder.Default);
        _titles = new TitleFinder(titles);
        _kinds = new TitleKinds(titles);
    }

    /// <summary>A parser resolving titles against <paramref name="catalog"/>.</summary>
    public RuleIntentParser(ItemCatalog catalog)
        : this(new TitleResolver(catalog))
    {
    }

    /// <inheritdoc />
    public ValueTask<RecommendationIntent> ParseAsync(string message, RecommendationIntent? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Parse(message, previous));
    }

    /// <summary>Parses <paramref name="message"/>; <paramref name="previous"/> is the conversation's last intent, for follow-ups.</summary>
    public RecommendationIntent Parse(string message, RecommendationIntent? previous = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (lower, cased) = IntentText.NormalizeBoth(message);
        if (lower.Length == 0)
        {
            return new RecommendationIntent { Action = IntentActions.Smalltalk, Domain = previous?.Domain ?? IntentDomains.Movie };
        }

        var people = _people.FindPeople(cased);
        var spoken = cased;
        if (people.Count > 0)
        {
            // A film series asked for as a measure ("movies like Star Wars") is also the title it names.
            (lower, cased) = PeopleRule.Blank(lower, cased, [.. people.Where(p => !(p.Likeness && p.Role == PersonRole.Franchise))]);
        }

        var tokens = IntentText.Tokenize(lower, TypoRule.Canonicalize);
        var found = new TitleFindings(tokens.Count);
        // The kind the message says, a named author implies or the conversation carries is a preference for titles both
        // kinds have; a conversation keeps its kind unless a turn says another. "Just finished Gone Girl" leans to the
        // book, 刷完 to the film. Where nothing says a kind, the title's better known work answers (TitleResolver leans to films):
        // 《了不起的盖茨比》 is the novel, "The Godfather" the film.
        var impliedByPeople = _people.ImpliedDomain(people, spoken);
        var leaning = Vocabulary.CueVocabulary.Default.LeaningDomain(lower);
        var domainHint = IntentDomains.ItemKind(ExtractDomain(lower) ?? impliedByPeople ?? Carried(previous) ?? leaning);
        _titles.FindTitles(lower, cased, tokens, found, domainHint);
        _titles.FindTitleByAuthor(tokens, found, people.Where(p => p is { Role: PersonRole.Author, Negated: false }).Select(p => (p.Start, p.Name)));
        var canon = TitleFindings.BuildCanonical(tokens, found);
        var words = IntentText.Tokenize(canon);

        var genres = new List<string>();
        var excludes = new List<string>();
        ExtractGenres(words, canon, genres, excludes);
        var (yearFrom, yearTo, hasYear) = ExtractYears(canon, _time.GetUtcNow().Year);
        var (count, top) = ExtractCount(words, canon, out var countByArticle);
        // "maybe an animated one?" after "something cozy": an article in a follow-up names the kind, not a new count.
        if (countByArticle && previous is { Action: not IntentActions.Smalltalk })
        {
            count = null;
        }

        // "Finished the first Mistborn book, which one do I read next?": the next work alone.
        count ??= found.Titles.Count == 1 && Vocabulary.CueVocabulary.Default.AsksForTheNextOne(lower) ? 1 : null;
        // "top N" reads as best-rated unless the request names another order ("top 5 newest thrillers").
        var said = ExtractSort(canon, countedTop: top);
        var sort = top ? said ?? IntentSorts.Rating : said;
        // "一部关于太空的电影，不要太老的", "nothing too old": a first request that leans to the newer lists the newest first.
        if (sort is null && !hasYear && previous is null && Vocabulary.CueVocabulary.Default.TimeShift(lower) > 0)
        {
            sort = IntentSorts.Newest;
        }

        // "Hidden gem romance novels, not the big bestsellers": a request for the less known is never sorted by popularity.
        if (sort == IntentSorts.Popularity && Vocabulary.CueVocabulary.Default.AsksForHiddenGems(lower))
        {
            sort = null;
        }

        var domain = ExtractDomain(canon);
        var avoided = new List<string>();
        var keywords = ExtractKeywords(words, canon, genres, excludes, avoided);
        // The contract has no person slot: a person or studio travels as a keyword, by canonical name, first.
        // A person ruled out ("斯蒂芬·金的看腻了") or only a measure ("authors like Sanderson") is no keyword: retrieval reads
        // those from the message with the same finder (leaving their items out, or anchoring on them).
        keywords.InsertRange(0, people.Where(p => !p.Negated && !p.Likeness).Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !Contains(keywords, n)));
        domain ??= impliedByPeople ?? _kinds.TitlesDomain(found);
        var hasSlots = genres.Count > 0 || excludes.Count > 0 || hasYear || count is not null || sort is not null
            || keywords.Count > 0 || found.Titles.Count > 0;
        // A turn that names no kind, genre, topic, person or title only adjusts the conversation's request ("要口碑好的", "newer").
        var namesSubject = genres.Count > 0 || keywords.Count > 0 || found.Titles.Count > 0 || (domain is not null && domain != previous?.Domain);
        var action = DecideAction(words, canon, found, hasSlots, namesSubject, previous);
        // The kind of item where the message names none: the conversation's, or the kind its words lean to.
        var unsaid = Carried(previous) ?? leaning;
        if (action is IntentActions.Recommend or IntentActions.Similar or IntentActions.Refine)
        {
            // Moods, occasions and kinds of book ("a tearjerker", 治愈系, 历史小说) stand for catalog terms kept as data;
            // in feedback ("it made me cry") they describe a title, not a request.
            Vocabulary.MoodVocabulary.Default.Apply(canon, genres, excludes, keywords, ref domain, unsaid, avoided);
            keywords.RemoveAll(k => Contains(avoided, k));
            var kind = domain ?? unsaid;
            AgeRule.Apply(canon, genres, excludes, keywords, kind);
            // "Loved The Hunger Games but wants something more adult": not the young-adult shelf; "animated films for
            // adults", "something to watch after the kids go to bed": no children's films.
            var kidsAway = Vocabulary.CueVocabulary.Default.SaysKidsAway(canon);
            if (kidsAway || Vocabulary.CueVocabulary.Default.AsksForAdults(canon))
            {
                if (kind != IntentDomains.Movie && !avoided.Contains("young-adult", StringComparer.OrdinalIgnoreCase))
                {
                    avoided.Add("young-adult");
                }

                keywords.RemoveAll(k => string.Equals(k, "young-adult", StringComparison.OrdinalIgnoreCase));
                if (kidsAway)
                {
                    genres.RemoveAll(g => string.Equals(g, "Children", StringComparison.Ordinal));
                }

                if (kind != IntentDomains.Book && !genres.Contains("Children") && !excludes.Contains("Children"))
                {
                    excludes.Add("Children");
                }
            }
        }

        domain ??= unsaid;
        var anchoredBesideLeftOut = found.LeftOut.Count > 0 && found.LeftOut.Count < found.Titles.Count;
        var intent = new RecommendationIntent
        {
            Action = action,
            Domain = domain ?? IntentDomains.Movie,
            Genres = genres,
            ExcludeGenres = excludes,
            YearFrom = yearFrom,
            YearTo = yearTo,
            // "Movies like Heat but not Ronin": the titles left out are no anchors beside one that is.
            SimilarTo = anchoredBesideLeftOut ? [.. found.Titles.Except(found.LeftOut)] : found.Titles,
            Keywords = keywords,
            Sort = sort ?? IntentSorts.Relevance,
            Count = Math.Clamp(count ?? RecommendationIntent.DefaultCount, 1, RecommendationIntent.MaxCount),
            AvoidKeywords = avoided,
            LeaveOut = anchoredBesideLeftOut ? [.. found.LeftOut.Select(t => t.ItemId).OfType<string>()] : [],
        };

        // "Brandon Sanderson books", then "already read all of mistborn, what else has he got": the person asked for before.
        if (action != IntentActions.Refine && previous is not null && people.Count == 0 && PointsBackAtPerson(words, canon)
            && previous.Keywords.Where(_people.IsPersonKeyword).ToList() is { Count: > 0 } before)
        {
            intent = intent with { Keywords = [.. before, .. intent.Keywords.Where(k => !Contains(before, k))] };
        }

        if (action == IntentActions.Refine && previous is not null)
        {
            var replace = ReplaceCue().IsMatch(canon);
            intent = Merge(previous, intent, replace, domain is not null, hasYear, count is not null, sort is not null);
            intent = intent with { SimilarTo = _kinds.InKind(intent.SimilarTo, intent.Domain) };
            // A film series ruled out ("skip the Indiana Jones ones" after Spielberg) narrows the earlier person's list.
            if (people.Exists(p => !(p.Negated && p.Role == PersonRole.Franchise)) || _people.AsksForSomeoneElse(message))
            {
                intent = _people.ReplacePeople(intent, people);
            }
        }

        return intent;
    }

    // True when the message points back at a person with a pronoun (Chinese ones outside 其他 and 他们).
    private static bool PointsBackAtPerson(List<IntentToken> words, string canon)
    {
        var anaphora = Vocabulary.ParserWords.Default.PersonAnaphora;
        if (words.Exists(w => w.Kind == TokenKind.Word && anaphora.Contains(w.Canon)))
        {
            return true;
        }

        foreach (var word in anaphora.Where(w => w.Length == 1 && IntentText.IsCjk(w[0])))
        {
            for (var at = canon.IndexOf(word, StringComparison.Ordinal); at >= 0; at = canon.IndexOf(word, at + 1, StringComparison.Ordinal))
            {
                if ((at == 0 || canon[at - 1] != '其') && (at + 1 >= canon.Length || canon[at + 1] != '们'))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
