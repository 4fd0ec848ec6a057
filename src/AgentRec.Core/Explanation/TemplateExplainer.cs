namespace AgentRec.Core.Explanation;

/// <summary>
/// The explainer when no LLM is configured: natural sentences in the request's language (English or Chinese)
/// built only from catalog facts (genres, year, rating, tags), the constraints met, and the titles the user named.
/// </summary>
public sealed class TemplateExplainer : IExplainer
{
    /// <inheritdoc />
    public async IAsyncEnumerable<string> ExplainAsync(ExplanationContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = Render(context);
        foreach (var fragment in Fragments(text, context.Language))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return fragment;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The whole explanation as one string (for tests and non-streaming callers).</summary>
    public static string Render(ExplanationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var chinese = context.Language == Language.Chinese;
        var body = NotFoundNote(context, chinese) + (chinese ? Chinese(context) : English(context));
        if (context.Acknowledged is not { Titles.Count: > 0 } ack)
        {
            return body;
        }

        var titles = chinese ? string.Concat(ack.Titles.Select(t => "《" + t + "》")) : string.Join(", ", ack.Titles);
        var note = (chinese, ack.Signal) switch
        {
            (true, "like") => $"好的，记下你喜欢{titles}。",
            (true, "dislike") => $"好的，记下你不喜欢{titles}，类似的会少推荐。",
            (true, "skip") => $"好的，不算{titles}。",
            (true, _) => $"好的，记下你看过{titles}，不会再推荐。",
            (false, "like") => $"Noted: you liked {titles}. ",
            (false, "dislike") => $"Noted: you did not like {titles}; I will show fewer like it. ",
            (false, "skip") => $"Leaving out {titles}. ",
            _ => $"Noted: you have seen {titles}, so I will not suggest it again. ",
        };
        return note + body;
    }

    // "Anything by X? or similar ones if not": the name is not in the catalog, and what follows answers the rest.
    private static string NotFoundNote(ExplanationContext context, bool chinese)
    {
        if (context.NotFound.Count == 0)
        {
            return "";
        }

        if (chinese)
        {
            var names = string.Join("、", context.NotFound.Select(n => "“" + n + "”"));
            return context.Items.Count > 0 ? $"目录里没有找到{names}，按你说的推荐类似的。" : $"目录里没有找到{names}。";
        }

        var english = string.Join(" or ", context.NotFound);
        return context.Items.Count > 0
            ? $"I don't know anyone called {english}, so here is what fits the rest of your request instead. "
            : $"I don't know anyone called {english}. ";
    }

    private static string English(ExplanationContext context)
    {
        var intent = context.Intent;
        var items = context.Items;
        var sb = new StringBuilder();
        if (intent.Action == IntentActions.Smalltalk)
        {
            return "Hi! Tell me what you feel like, for example \"a few highly rated sci-fi films from the 90s\" or \"movies like Heat\".";
        }

        var noun = intent.Domain == IntentDomains.Book ? "books" : intent.Domain == IntentDomains.Any ? "titles" : "movies";
        if (context.People.FirstOrDefault(p => p.ItemCount == 0) is { } missing)
        {
            return missing.Role is null
                ? $"I don't know anyone called {missing.Name}, and the catalog has no {noun} by or with them, so I have nothing to recommend for that. Check the spelling, or ask for someone else."
                : $"The catalog has no {noun} by or with {missing.Name}, so I have nothing to recommend for that.";
        }

        if (items.Count == 0 && UnknownTitles(intent) is { Count: > 0 } unknown)
        {
            return $"I couldn't find {string.Join(" or ", unknown.Select(t => $"\"{t}\""))} in the catalog, so I can't tell what is like it. Check the title, or tell me what you liked about it (a genre, a mood, who made it).";
        }

        var genresHeld = GenresHeld(intent, items);
        var constraints = EnglishConstraints(intent, genresHeld) + EnglishPeople(context.People);
        var topics = TopicCoverage(intent, items, context.People);
        if (topics.Count > 0 && topics.All(t => t.Matching == items.Count))
        {
            constraints += ", about " + string.Join(", ", topics.Select(t => t.Topic));
        }

        if (items.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"I found no {noun}{constraints} in the catalog. ");
            sb.Append(context.CatalogEndsIn is { } end
                ? string.Create(CultureInfo.InvariantCulture, $"Its newest {noun} are from {end}; ask for earlier years.")
                : "Try fewer genres or a wider year range.");
            return sb.ToString();
        }

        sb.Append(intent.Action == IntentActions.Explain
            ? $"You asked for {noun}{constraints}"
            : string.Create(CultureInfo.InvariantCulture, $"Here {(items.Count == 1 ? "is" : "are")} {items.Count} {(items.Count == 1 ? noun.TrimEnd('s') : noun)}{constraints}"));
        sb.Append(intent.Sort switch
        {
            IntentSorts.Rating => ", highest rated first",
            IntentSorts.Popularity => ", most popular first",
            IntentSorts.Newest => ", newest first",
            _ => string.Empty,
        });
        sb.Append(intent.Action == IntentActions.Explain ? (items.Count == 1 ? "; this is why the pick fits." : "; this is why each pick fits.") : ".");
        if (!genresHeld)
        {
            sb.Append(CultureInfo.InvariantCulture, $" The catalog lists no genres for these {noun}, so they were matched to {string.Join(" + ", intent.Genres)} by their titles and text.");
        }

        if (context.OtherForm && context.Anchors.FirstOrDefault(a => a.Domain != items[0].Item.Domain) is { } work)
        {
            sb.Append(items[0].Item.Domain == ItemDomain.Book
                ? $" {(items.Count == 1 ? "It is the book" : "They are the books")} {work.DisplayTitle} was made from."
                : $" {(items.Count == 1 ? "It is the film" : "They are the films")} made of {work.DisplayTitle}.");
        }
        else if (items.Count < intent.Count && intent.Action != IntentActions.Explain)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Only {items.Count} meet every constraint, so you get {items.Count} instead of {intent.Count}.");
        }

        // Topics no item carries are said once, together: "None is tagged "gore" or "twist ending", so ...".
        var untagged = topics.Where(t => t.Matching == 0).Select(t => $"\"{t.Topic}\"").ToList();
        if (untagged.Count > 0)
        {
            var listed = untagged.Count == 1 ? untagged[0] : string.Join(", ", untagged.Take(untagged.Count - 1)) + " or " + untagged[^1];
            sb.Append(CultureInfo.InvariantCulture, $" None is tagged {listed}, so these are the best matches for the rest of the request.");
        }

        foreach (var (topic, matching) in topics)
        {
            if (matching > 0 && matching < items.Count)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {matching} of them {(matching == 1 ? "is" : "are")} tagged \"{topic}\"; the rest are the best matches for the rest of the request.");
            }
        }

        var anchors = Anchors(context);
        foreach (var c in items)
        {
            var item = c.Item;
            sb.Append(' ').Append(Title(item)).Append(": ");
            sb.Append(item.Genres.Count > 0 ? string.Join(", ", item.Genres) : item.Creators.Count > 0 ? "by " + string.Join(", ", item.Creators) : "no genre listed");
            if (item.Popularity > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; rated {item.MeanRating:0.0}/5 by {item.Popularity:N0} people");
            }

            var tags = ExplanationFacts.ItemTags(item);
            if (tags.Count > 0)
            {
                sb.Append("; tagged ").Append(string.Join(", ", tags));
            }

            foreach (var (anchor, features) in anchors)
            {
                var shared = Shared(item, features);
                if (shared.Count > 0)
                {
                    sb.Append("; shares ").Append(string.Join(", ", shared)).Append(" with ").Append(anchor.DisplayTitle);
                }
            }

            if (c.BecauseOf is { } because)
            {
                var verb = because.Domain == ItemDomain.Book ? "read" : "watched";
                sb.Append(CultureInfo.InvariantCulture, $"; often {verb} by people who {verb} {because.DisplayTitle}");
            }

            sb.Append('.');
        }

        return sb.ToString();
    }

    // Which of the requested topics each answer actually carries, so a topic is only claimed where the data says so.
    private static List<(string Topic, int Matching)> TopicCoverage(
        RecommendationIntent intent, IReadOnlyList<ScoredCandidate> items, IReadOnlyList<NamedPerson> people)
    {
        var coverage = new List<(string, int)>(intent.Keywords.Count);
        foreach (var topic in intent.Keywords)
        {
            // A named person is a constraint every item meets by its credits, not a tag to look for.
            if (people.Any(p => string.Equals(p.Name, topic, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var matching = 0;
            foreach (var c in items)
            {
                if (Carries(c.Item, topic))
                {
                    matching++;
                }
            }

            coverage.Add((topic, matching));
        }

        return coverage;
    }

    private static bool Carries(CatalogItem item, string topic)
    {
        // What curated knowledge says a film is about counts as its tag (Catalog.MovieTopics).
        if (item.Title.Contains(topic, StringComparison.OrdinalIgnoreCase) || item.Topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var tag in item.Tags)
        {
            if (tag.Contains(topic, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // The named titles with the genres, tags and authors an answer can share with them.
    private static List<(CatalogItem Anchor, HashSet<string> Features)> Anchors(ExplanationContext context)
    {
        var anchors = new List<(CatalogItem, HashSet<string>)>(context.Anchors.Count);
        foreach (var anchor in context.Anchors)
        {
            var features = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            features.UnionWith(anchor.Genres);
            features.UnionWith(anchor.Creators);
            foreach (var tag in anchor.Tags)
            {
                if (!tag.StartsWith("series:", StringComparison.Ordinal))
                {
                    features.Add(tag);
                }
            }

            anchors.Add((anchor, features));
        }

        return anchors;
    }

    // Up to four shared facts, creators and tags before the broad genres.
    private static List<string> Shared(CatalogItem item, HashSet<string> features)
    {
        var shared = new List<string>(4);
        foreach (var value in item.Creators.Concat(item.Tags).Concat(item.Genres))
        {
            if (shared.Count == 4)
            {
                break;
            }

            if (features.Contains(value) && !shared.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                shared.Add(value);
            }
        }

        return shared;
    }

    // Whether every returned item carries every requested genre: true for filtered movies; books (goodbooks has no
    // genre data) are matched to genres by text, and the answer must not claim a genre they are not listed under.
    private static bool GenresHeld(RecommendationIntent intent, IReadOnlyList<ScoredCandidate> items)
    {
        foreach (var c in items)
        {
            foreach (var genre in intent.Genres)
            {
                if (!c.Item.Genres.Contains(genre, StringComparer.OrdinalIgnoreCase))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // " by Steven Spielberg", " with Tom Hanks", " from Pixar": who the items are by, as the catalog credits them.
    private static string EnglishPeople(IReadOnlyList<NamedPerson> people)
    {
        var parts = new StringBuilder();
        var series = people.Where(p => p.Role == PersonRole.Franchise).Select(p => p.Name).ToList();
        foreach (var p in people.Where(p => p.Role != PersonRole.Franchise))
        {
            parts.Append(p.Role switch
            {
                PersonRole.Actor => " with ",
                PersonRole.Studio => " from ",
                _ => " by ",
            }).Append(p.Name);
        }

        // Series named together are either one ("from the James Bond and Mission Impossible series").
        if (series.Count > 0)
        {
            parts.Append(" from the ").Append(string.Join(" and ", series)).Append(" series");
        }

        return parts.ToString();
    }

    /// <summary>
    /// The request's years in one language's phrasing ({0} the first year, {1} the last): one year, a range, from a year
    /// on, or up to a year; empty when it names none.
    /// </summary>
    private static string Years(RecommendationIntent intent, string one, string range, string onward, string upTo) =>
        (intent.YearFrom, intent.YearTo) switch
        {
            ({ } from, { } to) => string.Format(CultureInfo.InvariantCulture, from == to ? one : range, from, to),
            ({ } from, null) => string.Format(CultureInfo.InvariantCulture, onward, from),
            (null, { } to) => string.Format(CultureInfo.InvariantCulture, upTo, to),
            _ => "",
        };

    private static string EnglishConstraints(RecommendationIntent intent, bool genresHeld)
    {
        var parts = new StringBuilder();
        if (intent.Genres.Count > 0 && genresHeld)
        {
            parts.Append(" in ").Append(string.Join(" + ", intent.Genres));
        }

        parts.Append(Years(intent, " from {0}", " from {0}–{1}", " from {0} on", " up to {0}"));

        if (intent.ExcludeGenres.Count > 0)
        {
            parts.Append(", without ").Append(string.Join(" or ", intent.ExcludeGenres));
        }

        return parts.ToString();
    }

    // The titles the request named that resolved to no catalog item.
    private static List<string> UnknownTitles(RecommendationIntent intent) =>
        [.. intent.SimilarTo.Where(t => t.ItemId is null && t.Title.Length > 0).Select(t => t.Title)];

    private static string Chinese(ExplanationContext context)
    {
        var intent = context.Intent;
        var items = context.Items;
        if (intent.Action == IntentActions.Smalltalk)
        {
            return "你好！告诉我你想看什么，比如“推荐几部九十年代的高分科幻片”或“类似《盗火线》的电影”。";
        }

        // Either kind asked for: the kind the items are, or 作品 where they are both.
        var books = items.Count(i => i.Item.Domain == ItemDomain.Book);
        var noun = intent.Domain == IntentDomains.Book || (books > 0 && books == items.Count) ? "本书"
            : books > 0 ? "部作品" : "部电影";
        if (context.People.FirstOrDefault(p => p.ItemCount == 0) is { } missing)
        {
            var kind = intent.Domain == IntentDomains.Book ? "书" : intent.Domain == IntentDomains.Any ? "作品" : "电影";
            return missing.Role is null
                ? $"目录里没有找到“{missing.Name}”这个人的{kind}，所以这次没有推荐。可以检查一下名字，或者换一位。"
                : $"目录里没有{missing.Name}的{kind}，所以这次没有推荐。";
        }

        if (items.Count == 0 && UnknownTitles(intent) is { Count: > 0 } unknown)
        {
            return $"目录里没有找到{string.Concat(unknown.Select(t => "《" + t.Trim('《', '》') + "》"))}，所以没法推荐类似的。可以检查一下名字，或者说说你喜欢它的哪些地方（类型、风格、导演或作者）。";
        }

        var sb = new StringBuilder();
        var constraints = new StringBuilder();
        foreach (var p in context.People.Where(p => p.Role != PersonRole.Franchise))
        {
            constraints.Append(p.ChineseName ?? p.Name).Append(p.Role == PersonRole.Actor ? "出演的" : "的");
        }

        if (context.People.Where(p => p.Role == PersonRole.Franchise).Select(p => p.ChineseName ?? p.Name).ToList() is { Count: > 0 } series)
        {
            constraints.Append(string.Join("和", series)).Append("系列的");
        }

        constraints.Append(Years(intent, "{0}年的", "{0}–{1}年的", "{0}年以后的", "{0}年以前的"));

        var genresHeld = GenresHeld(intent, items);
        if (intent.Genres.Count > 0 && genresHeld)
        {
            constraints.Append(string.Join("、", intent.Genres.Select(ChineseGenre)));
        }

        if (items.Count == 0)
        {
            return context.CatalogEndsIn is { } end
                ? $"目录里没有符合条件的{constraints}作品：目录里最新的{(intent.Domain == IntentDomains.Book ? "书" : intent.Domain == IntentDomains.Any ? "作品" : "电影")}是{end}年的，可以换更早的年份。"
                : $"目录里没有符合条件的{constraints}作品。可以试试减少类型或放宽年份。";
        }

        sb.Append(intent.Action == IntentActions.Explain
            ? $"你要的是{(constraints.Length > 0 ? constraints + "作品" : "推荐")}"
            : string.Create(CultureInfo.InvariantCulture, $"为你找到 {items.Count} {noun}{(constraints.Length > 0 ? "，都是" + constraints + "作品" : string.Empty)}"));
        if (intent.ExcludeGenres.Count > 0)
        {
            sb.Append("，不含").Append(string.Join("、", intent.ExcludeGenres.Select(ChineseGenre)));
        }

        sb.Append(intent.Sort switch
        {
            IntentSorts.Rating => "，按评分从高到低排列",
            IntentSorts.Popularity => "，按热度排列",
            IntentSorts.Newest => "，最新的在前",
            _ => string.Empty,
        });
        sb.Append(intent.Action == IntentActions.Explain ? "，推荐理由如下。" : "。");
        if (!genresHeld)
        {
            sb.Append("目录没有这些").Append(intent.Domain == IntentDomains.Book ? "书" : "作品").Append("的类型信息，所以是按标题和简介匹配“")
                .Append(string.Join("、", intent.Genres.Select(ChineseGenre))).Append("”的。");
        }

        if (context.OtherForm && context.Anchors.FirstOrDefault(a => a.Domain != items[0].Item.Domain) is { } work)
        {
            sb.Append(items[0].Item.Domain == ItemDomain.Book ? $"这是《{work.DisplayTitle}》的原著。" : $"这是根据《{work.DisplayTitle}》改编的电影。");
        }
        else if (items.Count < intent.Count && intent.Action != IntentActions.Explain)
        {
            sb.Append(CultureInfo.InvariantCulture, $"只有 {items.Count} 个结果满足全部条件，所以少于你要的 {intent.Count} 个。");
        }

        var anchors = Anchors(context);
        foreach (var c in items)
        {
            var item = c.Item;
            sb.Append('《').Append(Title(item)).Append("》：");
            sb.Append(item.Genres.Count > 0 ? string.Join("、", item.Genres.Select(ChineseGenre)) : string.Join("、", item.Creators));
            if (item.Popularity > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"，{item.Popularity:N0} 人评分，平均 {item.MeanRating:0.0}/5");
            }

            foreach (var (anchor, features) in anchors)
            {
                // Genres and authors only: tags are English free text.
                var shared = Shared(item, features).Where(v => item.Genres.Contains(v) || item.Creators.Contains(v)).ToArray();
                if (shared.Length > 0)
                {
                    sb.Append("，与《").Append(anchor.DisplayTitle).Append("》同有").Append(string.Join("、", shared.Select(ChineseGenre)));
                }
            }

            if (c.BecauseOf is { } because)
            {
                var verb = because.Domain == ItemDomain.Book ? "读" : "看";
                sb.Append(CultureInfo.InvariantCulture, $"，{verb}过《{because.DisplayTitle}》的人也常{verb}");
            }

            sb.Append('。');
        }

        return sb.ToString();
    }

    private static string ChineseGenre(string genre) => ExplanationFacts.ChineseGenre(genre);

    private static string Title(CatalogItem item) => ExplanationFacts.Title(item);

    /// <summary>
    /// The finished text as a stream of short phrases: cut after a clause mark (",", ";", ".", "，", "。"...) once a
    /// phrase has some length, or at a word (English) or character (Chinese) boundary once it is long. Phrases rather
    /// than single words keep the stream readable as it arrives while sending a few dozen events per answer, not hundreds.
    /// </summary>
    internal static IEnumerable<string> Fragments(string text, string language)
    {
        var chinese = language == Language.Chinese;
        int soft = chinese ? 12 : 40, hard = chinese ? 24 : 80;
        var begin = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var length = i + 1 - begin;
            bool cut;
            if (chinese)
            {
                // Never split a surrogate pair.
                cut = !char.IsHighSurrogate(c) && ((length >= soft && "，。；：！？、".Contains(c, StringComparison.Ordinal)) || length >= hard);
            }
            else
            {
                cut = c == ' ' && ((length >= soft && i > 0 && ",;.:!?".Contains(text[i - 1], StringComparison.Ordinal)) || length >= hard);
            }

            if (cut)
            {
                yield return text[begin..(i + 1)];
                begin = i + 1;
            }
        }

        if (begin < text.Length)
        {
            yield return text[begin..];
        }
    }
}
