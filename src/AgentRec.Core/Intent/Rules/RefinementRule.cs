using static AgentRec.Core.Intent.Rules.WordLists;

namespace AgentRec.Core.Intent.Rules;

/// <summary>Follow-ups that refine the previous request ("more please", "only the newer ones", 换一批) and how they merge into it.</summary>
internal static partial class RefinementRule
{
    internal static RecommendationIntent Merge(
        RecommendationIntent previous, RecommendationIntent said, bool replace, bool saidDomain, bool saidYear, bool saidCount, bool saidSort)
    {
        var genres = new List<string>();
        if (!(replace && said.Genres.Count > 0))
        {
            AddDistinct(genres, previous.Genres ?? []);
        }

        // "Horror movies" then "too scary, switch to comedy": a genre asked for before and named again while switching
        // to a new one is the one turned down.
        var turnedDown = replace && said.Genres.Any(g => !Contains(previous.Genres ?? [], g))
            ? said.Genres.Where(g => Contains(previous.Genres ?? [], g)).ToList()
            : [];
        AddDistinct(genres, [.. said.Genres.Where(g => !Contains(turnedDown, g))]);
        // "Comedies" then "no romantic comedies": the refusal names a kind of the genre asked for, which stays asked for.
        var refused = said.ExcludeGenres.Concat(turnedDown).ToList();
        if (refused.Count > 1 && refused.Exists(g => Contains(previous.Genres ?? [], g)) && !refused.TrueForAll(g => Contains(previous.Genres ?? [], g)))
        {
            refused.RemoveAll(g => Contains(previous.Genres ?? [], g));
        }

        genres.RemoveAll(g => Contains(refused, g));
        var excludes = new List<string>();
        AddDistinct(excludes, previous.ExcludeGenres ?? []);
        AddDistinct(excludes, refused);
        excludes.RemoveAll(g => Contains(said.Genres, g) && !Contains(turnedDown, g));

        var similar = new List<TitleReference>();
        if (!(replace && said.SimilarTo.Count > 0))
        {
            // A title the catalog did not hold was answered as unknown; the conversation goes on without it.
            similar.AddRange((previous.SimilarTo ?? []).Where(t => t.ItemId is not null));
        }

        foreach (var t in said.SimilarTo)
        {
            if (!similar.Exists(s => s.ItemId is not null ? s.ItemId == t.ItemId : s.Title == t.Title))
            {
                similar.Add(t);
            }
        }

        var keywords = new List<string>();
        if (!(replace && said.Keywords.Count > 0))
        {
            AddDistinct(keywords, previous.Keywords ?? []);
        }

        AddDistinct(keywords, said.Keywords);
        var avoided = new List<string>();
        AddDistinct(avoided, previous.AvoidKeywords ?? []);
        avoided.RemoveAll(k => Contains(said.Keywords, k));
        AddDistinct(avoided, said.AvoidKeywords);
        keywords.RemoveAll(k => Contains(avoided, k));
        (int? From, int? To) years = saidYear ? Narrowed(said.YearFrom, said.YearTo, previous.YearFrom, previous.YearTo) : (previous.YearFrom, previous.YearTo);
        return new RecommendationIntent
        {
            Action = IntentActions.Refine,
            Domain = saidDomain ? said.Domain : previous.Domain,
            Genres = genres,
            ExcludeGenres = excludes,
            YearFrom = years.From,
            YearTo = years.To,
            SimilarTo = similar,
            Keywords = keywords,
            Sort = saidSort ? said.Sort : previous.Sort,
            Count = Math.Clamp(saidCount ? said.Count : previous.Count, 1, RecommendationIntent.MaxCount),
            AvoidKeywords = avoided,
            LeaveOut = [.. (previous.LeaveOut ?? []).Union(said.LeaveOut, StringComparer.Ordinal)],
        };
    }

    // "90s sci-fi", then "only ones from the last 30 years" or "after 1995": a bound said on one side narrows the
    // conversation's years where the two overlap; otherwise ("the 80s instead", "after 2005") the years said replace them.
    private static (int? From, int? To) Narrowed(int? saidFrom, int? saidTo, int? from, int? to)
    {
        if ((saidFrom is null) == (saidTo is null))
        {
            return (saidFrom, saidTo);
        }

        var narrowed = (From: saidFrom ?? from, To: saidTo ?? to);
        return narrowed.From is { } f && narrowed.To is { } t && f > t ? (saidFrom, saidTo) : narrowed;
    }

    [GeneratedRegex(@"\b(?:instead|rather|switch(?:ing)?\s+to|change\s+(?:it\s+)?to|replace)\b|换成|改成|换个|改为|换一批|换几部|换一部")]
    internal static partial Regex ReplaceCue();

    [GeneratedRegex(@"\b(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|4th|5th|previous|latter|former|other)\s+(?:one|ones|pick|picks|movie|film|book|title|suggestion|recommendation|result)s?\b|\b(?:that|this|those|these|your|the)\s+(?:list|ones|picks|results|suggestions|recommendations|selection|batch)\b|\b(?:of|from|among)\s+(?:those|these)\b|(?<!\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple|some|several)\s+)\b(?:of|from|among)\s+them\b|\bmore\s+like\s+(?:this|that|it|those|these|them)\b|\blike\s+(?:that|this|those|these)\s+ones?\b|\bones?\s+you\s+(?:just\s+)?(?:gave|showed|suggested|recommended|listed|mentioned)\b|第[一二三四五六七八九十\d]+(?:部|个|本)|刚才|上面|这些|那些|其中|这几部|那几部|前面那|之前那|上一个|它们")]
    internal static partial Regex Anaphora();

    [GeneratedRegex(@"^(?:show\s+me\s+|give\s+me\s+|i\s+want\s+|can\s+i\s+(?:have|get)\s+|(?:some|a\s+few)\s+)*(?:some\s+|a\s+few\s+|a\s+couple(?:\s+of)?\s+|\d{1,2}\s+|one\s+|two\s+|three\s+|four\s+|five\s+)?more(?:\s+(?:please|pls|plz|of\s+(?:that|this|the\s+same)|options|suggestions|recommendations|picks|ideas))?\s*[.!?]*$|\bmore\s+of\s+(?:those|these|them|that|this|the\s+same)\b|\b(?:something|anything)\s+else\b|\b(?:other|different)\s+ones\b|\banother\s+(?:one|batch|set|list|few|round)\b|\bnew\s+batch\b|^(?:and\s+)?(?:what|how)\s+about\b|^(?:now|but)\b|^(?:again|next|another)\s*[.!?]*$|^(?:ok(?:ay)?\s+|now\s+|and\s+)?(?:only|just)\s+(?:the\s+)?(?:ones|those|these)\b|\bmake\s+(?:it|them|that)\s+(?:just\s+|only\s+)?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|fewer|more|newer|older|shorter|funnier|scarier|lighter|darker)\b|\bsame\s+(?:thing|list|again|ones?)\b|^same\s+but\b|\binstead\s*[.!?]*$|^(?:please\s+|now\s+|ok(?:ay)?\s+|(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:drop|remove|ditch|cut|filter\s+out|take\s+out|leave\s+out|get\s+rid\s+of|lose|sort|order|rank|re-?sort)\s+(?:them|those|these|it|the|that|anything|all|any|every)\b|太多了|换成|改成|^(?:these|those|they|them)\s+(?:all\s+)?(?:look|seem|are|feel|sound)\b|\b(?:newer|older|shorter|longer|funnier|scarier|lighter|darker|different)\s+ones\b|\bnarrow\s+(?:it|that|them|this|those)?\s*down\b|^(?:那|那就|好的?)?(?:只要|只看|只想看|只想要)|更多|再来|还要|再要|再给我|换别的|换点别的|换些|换一些|换一批|换几部|换一部|换个|还有吗|还有别的|别的呢|再推荐|多来|其他的")]
    internal static partial Regex StrongRefine();

    [GeneratedRegex(@"\b(?:only|just|but|now|instead|rather|also|too|newer|older|more|less|fewer|another|other|different|else|same|without|except|no|not|again|then|make\s+(?:it|them)|change|switch|what\s+about|how\s+about)\b|只|换|再|更|还|别的|其他|其它|不要|除了|呢|新一点|老一点")]
    internal static partial Regex WeakRefine();
}
