using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.People;

namespace AgentRec.Core.Intent;

/// <summary>
/// Deterministic, fast parsing of English and Chinese requests into the intent contract: vocabularies for genres,
/// sorts, counts and topics, rules for years and negation, title spans resolved through <see cref="TitleResolver"/>,
/// and follow-ups that refine the previous intent. Never throws on any text; thread-safe.
/// </summary>
public sealed partial class RuleIntentParser : IIntentParser
{
    private readonly TitleResolver? _titles;
    private readonly Lazy<FrozenSet<string>> _bookAuthors;
    private readonly PersonFinder _people;

    /// <summary>
    /// A parser that resolves named titles with <paramref name="titles"/> (without one, titles stay unresolved) and reads
    /// people and studios with <paramref name="people"/> (the curated data embedded in the assembly by default).
    /// </summary>
    public RuleIntentParser(TitleResolver? titles = null, PersonFinder? people = null)
    {
        _titles = titles;
        _bookAuthors = new Lazy<FrozenSet<string>>(BookAuthors);
        _people = people ?? PersonFinder.Default;
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

        var people = FindPeople(cased);
        if (people.Count > 0)
        {
            (lower, cased) = Blank(lower, cased, people);
        }

        var tokens = IntentText.Tokenize(lower, Canonicalize);
        var found = new TitleFindings(tokens.Count);
        // Unsaid means movies (the contract's default domain); it is a preference, so a title only a book has still resolves.
        // Without it, goodbooks' rating counts (millions) would outweigh MovieLens' (hundreds) on shared titles like "Heat".
        // A conversation keeps its kind unless a turn says another, and a named author implies books.
        var impliedByPeople = ImpliedDomain(people);
        var domainHint = IntentDomains.ItemKind(ExtractDomain(lower) ?? impliedByPeople ?? Carried(previous) ?? IntentDomains.Movie);
        FindTitles(lower, cased, tokens, found, domainHint);
        var canon = BuildCanonical(tokens, found);
        var words = IntentText.Tokenize(canon);

        var genres = new List<string>();
        var excludes = new List<string>();
        ExtractGenres(words, canon, genres, excludes);
        var (yearFrom, yearTo, hasYear) = ExtractYears(canon);
        var (count, top) = ExtractCount(words, canon);
        // "top N" reads as best-rated unless the request names another order ("top 5 newest thrillers").
        var said = ExtractSort(canon, countedTop: top);
        var sort = top ? said ?? IntentSorts.Rating : said;
        var domain = ExtractDomain(canon);
        var keywords = ExtractKeywords(words, canon, genres, excludes);
        // The contract has no person slot: a person or studio travels as a keyword, by canonical name, first.
        // A person ruled out ("斯蒂芬·金的看腻了") or only a measure ("authors like Sanderson") is no keyword: retrieval reads
        // those from the message with the same finder (leaving their items out, or anchoring on them).
        keywords.InsertRange(0, people.Where(p => !p.Negated && !p.Likeness).Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Where(n => !Contains(keywords, n)));
        domain ??= impliedByPeople ?? TitlesDomain(found);
        var hasSlots = genres.Count > 0 || excludes.Count > 0 || hasYear || count is not null || sort is not null
            || keywords.Count > 0 || found.Titles.Count > 0;
        // A turn that names no kind, genre, topic, person or title only adjusts the conversation's request ("要口碑好的", "newer").
        var namesSubject = genres.Count > 0 || keywords.Count > 0 || found.Titles.Count > 0 || (domain is not null && domain != previous?.Domain);
        var action = DecideAction(words, canon, found, hasSlots, namesSubject, previous);
        if (action is IntentActions.Recommend or IntentActions.Similar or IntentActions.Refine)
        {
            // Moods, occasions and kinds of book ("a tearjerker", 治愈系, 历史小说) stand for catalog terms kept as data;
            // in feedback ("it made me cry") they describe a title, not a request.
            Vocabulary.MoodVocabulary.Default.Apply(canon, genres, excludes, keywords, ref domain);
        }

        domain ??= Carried(previous);
        var intent = new RecommendationIntent
        {
            Action = action,
            Domain = domain ?? IntentDomains.Movie,
            Genres = genres,
            ExcludeGenres = excludes,
            YearFrom = yearFrom,
            YearTo = yearTo,
            SimilarTo = found.Titles,
            Keywords = keywords,
            Sort = sort ?? IntentSorts.Relevance,
            Count = Math.Clamp(count ?? RecommendationIntent.DefaultCount, 1, RecommendationIntent.MaxCount),
        };

        if (action == IntentActions.Refine && previous is not null)
        {
            var replace = ReplaceCue().IsMatch(canon);
            intent = Merge(previous, intent, replace, domain is not null, hasYear, count is not null, sort is not null);
            intent = intent with { SimilarTo = InKind(intent.SimilarTo, intent.Domain) };
            if (people.Count > 0 || _people.AsksForSomeoneElse(message))
            {
                intent = ReplacePeople(intent, people);
            }
        }

        return intent;
    }

    // "The Hunger Games" read as the film in a first turn, then "what should she read next?": the book of that title is
    // the anchor once the conversation asks for books.
    private IReadOnlyList<TitleReference> InKind(IReadOnlyList<TitleReference> titles, string domain)
    {
        if (_titles is null || IntentDomains.ItemKind(domain) is not { } kind || titles.Count == 0)
        {
            return titles;
        }

        var result = new List<TitleReference>(titles.Count);
        foreach (var t in titles)
        {
            if (t.ItemId is { } id && _titles.Catalog.TryGet(id, out var item) && item.Domain != kind
                && _titles.Resolve(item.DisplayTitle.Split(" (")[0], allowFuzzy: false, domain: kind) is { } other
                && other.Item.Domain == kind)
            {
                result.Add(new TitleReference(other.Item.DisplayTitle, other.Item.Id));
                continue;
            }

            result.Add(t);
        }

        return result;
    }

    // The kind a conversation's earlier turn asked for, carried to a turn that names none ("crime novels" → "scandinavian ones").
    private static string? Carried(RecommendationIntent? previous) =>
        previous is { Action: not IntentActions.Smalltalk } ? previous.Domain : null;

    // Named titles that exist only as books ("fantasy like Throne of Glass") ask for books, and likewise for movies; the
    // resolver already preferred the request's kind where a title is both.
    private string? TitlesDomain(TitleFindings found)
    {
        string? domain = null;
        foreach (var t in found.Titles)
        {
            if (t.ItemId is null || _titles is null || !_titles.Catalog.TryGet(t.ItemId, out var item))
            {
                continue;
            }

            var kind = IntentDomains.Of(item.Domain);
            if (domain is not null && domain != kind)
            {
                return null;
            }

            domain = kind;
        }

        return domain;
    }

    private static RecommendationIntent Merge(
        RecommendationIntent previous, RecommendationIntent said, bool replace, bool saidDomain, bool saidYear, bool saidCount, bool saidSort)
    {
        var genres = new List<string>();
        if (!(replace && said.Genres.Count > 0))
        {
            AddDistinct(genres, previous.Genres ?? []);
        }

        AddDistinct(genres, said.Genres);
        // "Comedies" then "no romantic comedies": the refusal names a kind of the genre asked for, which stays asked for.
        var refused = said.ExcludeGenres.ToList();
        if (refused.Count > 1 && refused.Exists(g => Contains(previous.Genres ?? [], g)) && !refused.TrueForAll(g => Contains(previous.Genres ?? [], g)))
        {
            refused.RemoveAll(g => Contains(previous.Genres ?? [], g));
        }

        genres.RemoveAll(g => Contains(refused, g));
        var excludes = new List<string>();
        AddDistinct(excludes, previous.ExcludeGenres ?? []);
        AddDistinct(excludes, refused);
        excludes.RemoveAll(g => Contains(said.Genres, g));

        var similar = new List<TitleReference>();
        if (!(replace && said.SimilarTo.Count > 0))
        {
            similar.AddRange(previous.SimilarTo ?? []);
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
        return new RecommendationIntent
        {
            Action = IntentActions.Refine,
            Domain = saidDomain ? said.Domain : previous.Domain,
            Genres = genres,
            ExcludeGenres = excludes,
            YearFrom = saidYear ? said.YearFrom : previous.YearFrom,
            YearTo = saidYear ? said.YearTo : previous.YearTo,
            SimilarTo = similar,
            Keywords = keywords,
            Sort = saidSort ? said.Sort : previous.Sort,
            Count = Math.Clamp(saidCount ? said.Count : previous.Count, 1, RecommendationIntent.MaxCount),
        };
    }

    private string DecideAction(List<IntentToken> words, string canon, TitleFindings found, bool hasSlots, bool namesSubject, RecommendationIntent? previous)
    {
        if ((!hasSlots && IsSmalltalk(words, canon)) || AboutTheAssistant().IsMatch(canon))
        {
            return IntentActions.Smalltalk;
        }

        if (ExplainCue().IsMatch(canon))
        {
            return IntentActions.Explain;
        }

        var request = RequestCue().IsMatch(canon) && !OpinionOfAnswer().IsMatch(canon);
        if (!request && (found.Feedback || AnaphoricFeedback().IsMatch(canon)))
        {
            return IntentActions.Feedback;
        }

        // Follow-up words make a refinement even on their own ("more please"); a first message naming the title it is
        // like ("Loved The Martian, anything else like it?") is a request for similar items.
        var inConversation = previous is not null && previous.Action != IntentActions.Smalltalk;
        var firstAboutTitle = previous is null && found.Titles.Count > 0;
        if (!firstAboutTitle && (Anaphora().IsMatch(canon) || (StrongRefine().IsMatch(canon) && !(found.Similar && found.Titles.Count > 0))))
        {
            return IntentActions.Refine;
        }

        if (found.Titles.Count > 0)
        {
            return previous is not null && ReplaceCue().IsMatch(canon) && !found.Similar ? IntentActions.Refine : IntentActions.Similar;
        }

        if (inConversation && (WeakRefine().IsMatch(canon) || !RequestVerb().IsMatch(canon) || !namesSubject))
        {
            return IntentActions.Refine;
        }

        return IntentActions.Recommend;
    }

    private static bool IsSmalltalk(List<IntentToken> words, string canon)
    {
        if (ChineseSmalltalk().IsMatch(canon))
        {
            return true;
        }

        var core = false;
        var any = false;
        foreach (var t in words)
        {
            if (t.Kind == TokenKind.Punct)
            {
                continue;
            }

            if (t.Kind == TokenKind.Cjk)
            {
                return false;
            }

            any = true;
            if (SmalltalkCore.Contains(t.Canon))
            {
                core = true;
            }
            else if (!SmalltalkFiller.Contains(t.Canon))
            {
                return false;
            }
        }

        return core || !any;
    }

    private static readonly HashSet<string> SmalltalkCore = new(StringComparer.Ordinal)
    {
        "hi", "hello", "hey", "hiya", "heya", "yo", "howdy", "greetings", "morning", "afternoon", "evening", "thanks", "thank",
        "thx", "ty", "tks", "cheers", "bye", "goodbye", "goodnight", "night", "sup", "ok", "okay", "cool", "awesome", "nice",
        "lol", "haha", "great", "who", "hallo", "hola", "bonjour", "nihao", "test", "testing", "ping", "welcome", "perfect",
    };

    private static readonly HashSet<string> SmalltalkFiller = new(StringComparer.Ordinal)
    {
        "there", "you", "so", "much", "very", "good", "a", "lot", "again", "bot", "friend", "all", "everyone", "guys", "how",
        "are", "is", "it", "going", "doing", "what", "what's", "whats", "can", "do", "up", "man", "buddy", "mate", "dear",
        "for", "the", "help", "that", "was", "helpful", "really", "i'm", "im", "fine", "well", "just", "oh", "ah", "and",
        "your", "name", "to", "me", "my", "hmm", "yes", "yeah", "sure", "no", "thats", "that's", "appreciate", "it's",
        "today", "day", "have", "nice", "see", "later", "u", "ya", "r", "ur", "am", "talk", "now", "done", "be", "that'll",
        "everything", "enough", "bye", "tonight", "night",
    };

    private static void AddDistinct(List<string> list, IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            if (!Contains(list, v))
            {
                list.Add(v);
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string BuildCanonical(List<IntentToken> tokens, TitleFindings found)
    {
        var sb = new StringBuilder(tokens.Count * 6);
        var lastMasked = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (found.Masked[i])
            {
                if (!lastMasked)
                {
                    sb.Append(" § ");
                }

                lastMasked = true;
                continue;
            }

            lastMasked = false;
            if (tokens[i].SpaceBefore && sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(tokens[i].Canon);
        }

        var canon = sb.ToString();
        foreach (var span in found.MaskedText)
        {
            canon = canon.Replace(span, "§", StringComparison.Ordinal);
        }

        return canon;
    }

    // Typos in the words the rules look for ("recomend", "moive", "thriler", "documentry") are corrected
    // to the nearest vocabulary word with the same first letter.
    private static string Canonicalize(string word)
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

    private static HashSet<string> BuildTypoTargets()
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

    [GeneratedRegex(@"\b(?:instead|rather|switch(?:ing)?\s+to|change\s+(?:it\s+)?to|replace)\b|换成|改成|换个|改为|换一批|换几部|换一部")]
    private static partial Regex ReplaceCue();

    [GeneratedRegex(@"\bwhy\b(?!\s+not\b)|\bexplain\w*|\bhow\s+come\b|\bwhat\s+makes\b|\bwhat\s+made\s+you\b|\bhow\s+(?:is|was|are|does)\b.{1,60}?\b(?:related|relevant|connected|similar|fit|fits|match|matches)\b|\breasons?\s+(?:for|why|behind)\b|\bwhat'?s\s+so\s+(?:good|great|special)\b|为什么|为何|为啥|干嘛推荐|怎么会推荐|理由|原因|解释|凭什么")]
    private static partial Regex ExplainCue();

    [GeneratedRegex(@"\b(?:recommend\w*|suggest\w*|show|give|find|want|looking|look\s+for|need|else|anything|something|any|more|similar|other|list|get\s+me|can\s+you|could\s+you|should\s+i|ideas?|picks?)\b|\?|推荐|有没有|还有什么|类似|给我|想看|求|来几部|来一部|什么")]
    private static partial Regex RequestCue();

    [GeneratedRegex(@"\b(?:recommend\w*|suggest\w*|show|give|find|want|looking|need|list|get\s+me|can\s+you|could\s+you|what\s+are|what's|whats|any|movies?|films?|books?|novels?|documentar\w+)\b|推荐|给我|想看|来几部|来一部|电影|书|小说")]
    private static partial Regex RequestVerb();

    [GeneratedRegex(@"^(?:oh\s+|well\s+|and\s+|also\s+|btw\s+|honestly\s+)?(?:i\s+|we\s+)?(?:really\s+|absolutely\s+|totally\s+|kind\s+of\s+|kinda\s+|just\s+|also\s+)?(?:loved|liked|enjoyed|hated|disliked|love|like|adore|adored|hate|didn'?t\s+like|did\s+not\s+like|don'?t\s+like|didn'?t\s+enjoy|watched|saw|have\s+seen|'ve\s+seen|already\s+(?:seen|watched|saw))\s+(?:it|that|this|them|those|these|that\s+one|this\s+one|the\s+\w+\s+one)\b|\bthumbs\s+(?:up|down)\b|\bnot\s+for\s+me\b|^(?:i'?ve\s+)?(?:already\s+)?(?:seen|watched)\s+(?:it|that|this|them)\b|^(?:great|awesome|loved\s+it|boring|terrible|meh)\s*[.!]*$|(?:我)?(?:很|非常|特别|挺|真)?(?:喜欢|不喜欢|讨厌|看过)(?:这部|那部|这个|那个|它|第.部)|看过了|已经看过|读过了|已经读过|读完了|(?:很|非常|特别|挺|真|不太|不)?(?:喜欢|讨厌)(?:这个|这些|那个|那些|这几个|你的|这次的)推荐|\b(?:don'?t|didn'?t|do\s+not|did\s+not)\s+(?:like|love|enjoy)\s+(?:this|these|that|those|your)\s+(?:recommendations?|suggestions?|picks?|list)\b")]
    private static partial Regex AnaphoricFeedback();

    // An opinion of the answer itself ("不喜欢这个推荐", "I don't like these suggestions") names the request as its object.
    [GeneratedRegex(@"(?:喜欢|讨厌)(?:这个|这些|那个|那些|这几个|你的|这次的)推荐(?:[啊呀了的!！。.,，\s]*)$|^(?:i\s+)?(?:really\s+)?(?:don'?t|didn'?t|do\s+not|did\s+not)\s+(?:like|love|enjoy)\s+(?:this|these|that|those|your)\s+(?:recommendations?|suggestions?|picks?|list)\b")]
    private static partial Regex OpinionOfAnswer();

    [GeneratedRegex(@"\b(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|4th|5th|previous|latter|former|other)\s+(?:one|ones|pick|picks|movie|film|book|title|suggestion|recommendation|result)s?\b|\b(?:that|this|those|these|your|the)\s+(?:list|ones|picks|results|suggestions|recommendations|selection|batch)\b|\b(?:of|from|among)\s+(?:those|these)\b|(?<!\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple|some|several)\s+)\b(?:of|from|among)\s+them\b|\bmore\s+like\s+(?:this|that|it|those|these|them)\b|\blike\s+(?:that|this|those|these)\s+ones?\b|\bones?\s+you\s+(?:just\s+)?(?:gave|showed|suggested|recommended|listed|mentioned)\b|第[一二三四五六七八九十\d]+(?:部|个|本)|刚才|上面|这些|那些|其中|这几部|那几部|前面那|之前那|上一个|它们")]
    private static partial Regex Anaphora();

    [GeneratedRegex(@"^(?:show\s+me\s+|give\s+me\s+|i\s+want\s+|can\s+i\s+(?:have|get)\s+|(?:some|a\s+few)\s+)*(?:some\s+|a\s+few\s+|a\s+couple(?:\s+of)?\s+|\d{1,2}\s+|one\s+|two\s+|three\s+|four\s+|five\s+)?more(?:\s+(?:please|pls|plz|of\s+(?:that|this|the\s+same)|options|suggestions|recommendations|picks|ideas))?\s*[.!?]*$|\bmore\s+of\s+(?:those|these|them|that|this|the\s+same)\b|\b(?:something|anything)\s+else\b|\b(?:other|different)\s+ones\b|\banother\s+(?:one|batch|set|list|few|round)\b|\bnew\s+batch\b|^(?:and\s+)?(?:what|how)\s+about\b|^(?:now|but)\b|^(?:again|next|another)\s*[.!?]*$|^(?:ok(?:ay)?\s+|now\s+|and\s+)?(?:only|just)\s+(?:the\s+)?(?:ones|those|these)\b|\bmake\s+(?:it|them|that)\s+(?:just\s+|only\s+)?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|fewer|more|newer|older|shorter|funnier|scarier|lighter|darker)\b|\bsame\s+(?:thing|list|again|ones?)\b|^same\s+but\b|\binstead\s*[.!?]*$|^(?:please\s+|now\s+|ok(?:ay)?\s+|(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:drop|remove|ditch|cut|filter\s+out|take\s+out|leave\s+out|get\s+rid\s+of|lose|sort|order|rank|re-?sort)\s+(?:them|those|these|it|the|that|anything|all|any|every)\b|太多了|换成|改成|^(?:these|those|they|them)\s+(?:all\s+)?(?:look|seem|are|feel|sound)\b|\b(?:newer|older|shorter|longer|funnier|scarier|lighter|darker|different)\s+ones\b|\bnarrow\s+(?:it|that|them|this|those)?\s*down\b|^(?:那|那就|好的?)?(?:只要|只看|只想看|只想要)|更多|再来|还要|再要|再给我|换别的|换点别的|换些|换一些|换一批|换几部|换一部|换个|还有吗|还有别的|别的呢|再推荐|多来|其他的")]
    private static partial Regex StrongRefine();

    [GeneratedRegex(@"\b(?:only|just|but|now|instead|rather|also|too|newer|older|more|less|fewer|another|other|different|else|same|without|except|no|not|again|then|make\s+(?:it|them)|change|switch|what\s+about|how\s+about)\b|只|换|再|更|还|别的|其他|其它|不要|除了|呢|新一点|老一点")]
    private static partial Regex WeakRefine();

    [GeneratedRegex(@"^(?:(?:你好|您好|嗨|哈喽|哈啰|嘿|谢谢|多谢|感谢|谢啦|谢了|再见|拜拜|早上好|晚上好|下午好|早安|晚安|你是谁|在吗|在不在|好的|嗯|哈哈|你好啊|辛苦了|不客气|没事|不用了|不用|够了|就这样吧|就这样|没有了|好了|可以了|行了)[啊呀呢吗哈啦喔哦嘛你您了的!！~。.,，?？\s]*)+$")]
    private static partial Regex ChineseSmalltalk();

    [GeneratedRegex(@"^(?:so\s+|ok(?:ay)?\s+|hi\s+|hey\s+|hello\s+)?(?:what\s+(?:can|do|could)\s+you\s+(?:do|help\s+(?:me\s+)?with)|what\s+are\s+you|who\s+are\s+you|who\s+(?:made|built|created|makes|programmed|trained)\s+you|how\s+(?:does\s+(?:this|it)|do\s+you)\s+work|are\s+you\s+(?:a\s+)?(?:bot|robot|human|real|an?\s+ai)|what\s+is\s+this)\b[^§]*$|^(?:你能做什么|你会什么|你会做什么|你能干什么|你是谁|你是机器人吗|你可以做什么|怎么用)")]
    private static partial Regex AboutTheAssistant();
}
