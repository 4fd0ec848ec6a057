using AgentRec.Core.Catalog;
using AgentRec.Core.Intent;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// Resolves what a follow-up message points at in the previous answer: an item by position ("the second one",
/// "第二个") or the previous list itself ("only comedies from that list", "这些里面").
/// </summary>
public static partial class FollowUps
{
    /// <summary>The 1-based position a message points at ("the second one" → 2, "the last one" → count), or null.</summary>
    public static int? ReferencedPosition(string message, int previousCount)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Intent.Vocabulary.CueVocabulary.Default.PointsAtPosition(message) is not { } position)
        {
            // "More like that one" after an answer of one item (or a question about one): that item.
            return previousCount == 1 && Intent.Vocabulary.CueVocabulary.Default.PointsAtTheOne(message) ? 1 : null;
        }

        if (position == -1)
        {
            position = previousCount;
        }

        return position >= 1 && position <= previousCount ? position : null;
    }

    /// <summary>True when the message restricts itself to the previous answer ("from that list", "among those", "这些里").</summary>
    public static bool RefersToPreviousList(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Intent.Vocabulary.CueVocabulary.Default.PointsAtPreviousList(message);
    }

    /// <summary>
    /// Resolves the titles the parser could not place by the answer just given: "already seen totoro" after a list
    /// holding My Neighbor Totoro names that film. A name of one or more whole words of exactly one given title's names
    /// (display or alternate, words of three letters and more) is that title.
    /// </summary>
    public static RecommendationIntent NamedFromAnswer(RecommendationIntent intent, IReadOnlyList<CatalogItem> given)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(given);
        if (!intent.SimilarTo.Any(t => t.ItemId is null))
        {
            return intent;
        }

        var resolved = intent.SimilarTo.Select(t =>
        {
            var words = TitleWords(t.Title);
            if (t.ItemId is not null || words.Length == 0 || words.All(w => w.Length < 3))
            {
                return t;
            }

            var owners = given.Where(i => new[] { i.DisplayTitle }.Concat(i.AlternateTitles).Any(name => ContainsRun(TitleWords(name), words))).ToList();
            return owners.Count == 1 && !intent.SimilarTo.Any(o => o.ItemId == owners[0].Id) ? new TitleReference(owners[0].Title, owners[0].Id) : t;
        }).ToList();
        return intent with { SimilarTo = resolved };
    }

    private static string[] TitleWords(string text) =>
        [.. TitleWord().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    private static bool ContainsRun(string[] words, string[] run)
    {
        for (var at = 0; at + run.Length <= words.Length; at++)
        {
            if (words.AsSpan(at, run.Length).SequenceEqual(run))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Applies an ordinal reference: the intent becomes "similar to that item".</summary>
    public static RecommendationIntent AnchorOn(RecommendationIntent intent, CatalogItem item) =>
        intent with
        {
            Action = IntentActions.Similar,
            SimilarTo = [new TitleReference(item.Title, item.Id)],
        };

    /// <summary>
    /// Moves the year range of a follow-up that asks for newer or older titles without naming years ("something newer",
    /// "go further back", "再老一点的"): past the previous request's bound, or past the middle year of the previous answer
    /// when the request had none. Returns <paramref name="intent"/> unchanged for any other message.
    /// </summary>
    public static RecommendationIntent ShiftInTime(
        RecommendationIntent intent, RecommendationIntent previousIntent, IReadOnlyList<int> previousYears, string message)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(previousIntent);
        ArgumentNullException.ThrowIfNull(previousYears);
        var shift = Intent.Vocabulary.CueVocabulary.Default.TimeShift(message);
        if (shift == 0 || intent.Action != IntentActions.Refine || intent.YearFrom != previousIntent.YearFrom || intent.YearTo != previousIntent.YearTo)
        {
            return intent;
        }

        int? middle = previousYears.Count == 0 ? null : previousYears.Order().ElementAt(previousYears.Count / 2);
        // The move replaces "newest first": the range says what "newer" meant.
        var sort = intent.Sort == IntentSorts.Newest && previousIntent.Sort != IntentSorts.Newest ? previousIntent.Sort : intent.Sort;
        if (shift > 0)
        {
            return (previousIntent.YearTo ?? middle) is { } pivot ? intent with { YearFrom = pivot + 1, YearTo = null, Sort = sort } : intent;
        }

        return (previousIntent.YearFrom ?? middle) is { } start ? intent with { YearFrom = null, YearTo = start - 1, Sort = sort } : intent;
    }

    /// <summary>
    /// "Older ones, like dracula / frankenstein era", "福尔摩斯那个年代的": the titles named say when, not what. The answer is
    /// of their years (from <see cref="EraSpan"/> before the earliest to as long after the latest, twice that before 1950,
    /// when a generation's span is what "era" means) and they are no anchors; a range the message sets itself stays.
    /// <paramref name="named"/> are the titles this message names; <paramref name="previous"/> is the conversation's last intent.
    /// </summary>
    public static RecommendationIntent OfTheEra(RecommendationIntent intent, RecommendationIntent? previous, IReadOnlyList<CatalogItem> named, string message)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(named);
        var years = named.Select(i => i.Year).OfType<int>().ToList();
        var yearsSaid = previous is null
            ? intent.YearFrom is not null || intent.YearTo is not null
            : intent.YearFrom != previous.YearFrom || intent.YearTo != previous.YearTo;
        if (years.Count == 0 || !Intent.Vocabulary.CueVocabulary.Default.AsksForEra(message) || (yearsSaid && !ShiftedOnly(message)))
        {
            return intent;
        }

        var span = years.Max() < 1950 ? 2 * EraSpan : EraSpan;
        var ids = named.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        // Read as "like those titles", the follow-up dropped the conversation's request ("spooky books, nothing gory"):
        // it refines that request instead, with this message's own genres and topics beside it.
        if (intent.Action == IntentActions.Similar && previous is not null && previous.Action != IntentActions.Smalltalk)
        {
            intent = previous with
            {
                Action = IntentActions.Refine,
                Genres = [.. previous.Genres.Union(intent.Genres, StringComparer.Ordinal)],
                Keywords = [.. previous.Keywords.Union(intent.Keywords, StringComparer.OrdinalIgnoreCase)],
                SimilarTo = [.. previous.SimilarTo.Concat(intent.SimilarTo).DistinctBy(t => t.ItemId ?? t.Title)],
            };
        }

        return intent with
        {
            Action = intent.Action == IntentActions.Similar ? IntentActions.Recommend : intent.Action,
            YearFrom = years.Min() - span,
            YearTo = years.Max() + span,
            SimilarTo = [.. intent.SimilarTo.Where(t => t.ItemId is null || !ids.Contains(t.ItemId))],
        };

        // "老派的, 福尔摩斯那个年代的": an older shift said beside the era is the era's.
        static bool ShiftedOnly(string message) => Intent.Vocabulary.CueVocabulary.Default.TimeShift(message) != 0 && !Digits().IsMatch(message);
    }

    /// <summary>Years either side of the named titles an era spans (doubled before 1950).</summary>
    public const int EraSpan = 15;

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"\d|[一二三四五六七八九十]十年代")]
    private static partial Regex Digits();

    /// <summary>
    /// The request for a work's other form ("saw The Martian, want to read the book it's based on", 原著): that form is
    /// the kind asked for, the work named (in this message, or before it: "just watched The Martian" then "I want to read
    /// the book it's based on") the anchor. Having read the book is why the film is asked for, not feedback.
    /// </summary>
    public static RecommendationIntent OtherForm(RecommendationIntent intent, RecommendationIntent? previous, string message)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (Intent.Vocabulary.CueVocabulary.Default.AdaptationAsked(message) is not { } form || (intent.SimilarTo.Count == 0 && previous is not { SimilarTo.Count: > 0 }))
        {
            return intent;
        }

        return intent with
        {
            Domain = form,
            Action = intent.Action is IntentActions.Feedback or IntentActions.Recommend or IntentActions.Refine ? IntentActions.Similar : intent.Action,
            SimilarTo = intent.SimilarTo.Count > 0 ? intent.SimilarTo : previous!.SimilarTo,
        };
    }

    /// <summary>
    /// "The Martian", then "what else did that author write?" (这个作者还写过什么): the author of the book given first in
    /// the previous answer (<paramref name="given"/>) is asked for, less that book; unchanged when the message names a
    /// title of its own or the book has no author.
    /// </summary>
    public static RecommendationIntent ByTheAuthorOf(
        RecommendationIntent intent, RecommendationIntent? previous, IReadOnlyList<string> previousItems, CatalogItem given, string message)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(previousItems);
        ArgumentNullException.ThrowIfNull(given);
        if (!Intent.Vocabulary.CueVocabulary.Default.AsksForTheAuthor(message) || given.Domain != ItemDomain.Book || given.Creators.Count == 0
            || !intent.SimilarTo.All(t => previousItems.Contains(t.ItemId ?? "") || (previous?.SimilarTo.Any(p => p.ItemId == t.ItemId) ?? false)))
        {
            return intent;
        }

        var author = given.Creators[0];
        return intent with
        {
            Action = IntentActions.Recommend,
            Domain = IntentDomains.Book,
            SimilarTo = [],
            Keywords = [author, .. intent.Keywords.Where(k => !string.Equals(k, author, StringComparison.OrdinalIgnoreCase))],
            LeaveOut = [.. intent.LeaveOut, given.Id],
        };
    }
}
