namespace AgentRec.Core.People;

/// <summary>
/// Finds the people and studios a request names, in English and Chinese: every curated alias (anywhere, on word
/// boundaries; short cue-only names such as "King" only right after a cue such as "by"), and an unfamiliar name where
/// a cue says one stands ("films by Qwerty Zxcvb", "王铁柱导演的", "Brandon Kowalczyk 主演的"). Text only: whether a
/// name is really a title is for the caller, who knows the catalog. Thread-safe.
/// </summary>
public sealed partial class PersonFinder
{
    // Common Chinese surnames: an unfamiliar Chinese name is read only when it starts with one, so "有没有" or "我朋友"
    // before "导演的" are not taken for names.
    private const string ChineseSurnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳司上官诸葛";

    // Characters no name holds; a candidate with one is grammar, not a name.
    private const string NotInNames = "我你他她它们这那的了是在有和与就都也很还要想看部本个些吗呢吧啊么什么谁哪";

    private static readonly FrozenSet<string> NotNameWords = new[]
    {
        "the", "a", "an", "my", "your", "his", "her", "their", "our", "this", "that", "these", "those", "some", "any", "i",
        "me", "we", "you", "it", "them", "people", "someone", "somebody", "anyone", "director", "directors", "author",
        "authors", "actor", "actors", "actress", "studio", "studios", "famous", "popular", "good", "great", "best",
        "new", "old", "same", "other", "one", "ones", "movies", "movie", "films", "film", "books", "book", "novels", "novel",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, List<LatinAlias>> _latinByFirstWord;
    private readonly FrozenDictionary<char, List<(string Form, PersonEntry Entry)>> _chineseByFirstChar;
    private readonly List<string[]> _englishCues;
    private readonly string[] _chineseVerbCues;
    private readonly FrozenSet<string> _notCredit;
    private readonly string[] _negationBefore;
    private readonly string[] _negationAfter;
    private readonly string[] _negationClauseEnd;
    private readonly FrozenSet<string> _withBooks;
    private readonly string[] _someoneElse;
    private readonly string[] _likenessBefore;
    private readonly string[] _likenessAfter;
    private readonly string[] _likenessAnaphoric;
    private readonly string[] _chineseBefore;

    /// <summary>
    /// A finder over <paramref name="knowledge"/>'s aliases and cue words, and over <paramref name="credited"/>: people
    /// the catalog itself credits (well-known authors and directors), matched by their full names only.
    /// </summary>
    public PersonFinder(PeopleKnowledge knowledge, IEnumerable<PersonEntry>? credited = null)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _withBooks = knowledge.Studios.Where(s => s.Authors.Count > 0).Select(s => s.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        var latin = new Dictionary<string, List<LatinAlias>>(StringComparer.Ordinal);
        var chinese = new Dictionary<char, List<(string, PersonEntry)>>();
        var entries = knowledge.People.ToList();
        entries.AddRange(credited ?? []);
        entries.AddRange(knowledge.Collections.Select(s => new PersonEntry(s.Name, s.Role, s.Aliases, [], [], s.Line)));
        foreach (var entry in entries)
        {
            foreach (var alias in entry.Aliases.Append(entry.Name))
            {
                Add(alias, entry, cueOnly: false);
            }

            foreach (var alias in entry.CueOnly)
            {
                Add(alias, entry, cueOnly: true);
            }
        }

        foreach (var list in latin.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }

        foreach (var list in chinese.Values)
        {
            list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        }

        _latinByFirstWord = latin.ToFrozenDictionary(StringComparer.Ordinal);
        _chineseByFirstChar = chinese.ToFrozenDictionary();
        _englishCues = [.. knowledge.Cues.EnglishBefore.Select(c => Words(c.ToLowerInvariant()).Select(w => w.Key).ToArray()).OrderByDescending(c => c.Length)];
        _negationBefore = [.. knowledge.Cues.NegationBefore.Select(c => c.ToLowerInvariant())];
        _negationAfter = [.. knowledge.Cues.NegationAfter.Select(c => c.ToLowerInvariant())];
        _negationClauseEnd = [.. knowledge.Cues.NegationClauseEnd.Select(c => c.ToLowerInvariant())];
        _someoneElse = [.. knowledge.Cues.SomeoneElse.Select(c => c.ToLowerInvariant())];
        _likenessBefore = [.. knowledge.Cues.LikenessBefore.Select(c => c.ToLowerInvariant())];
        _likenessAfter = [.. knowledge.Cues.LikenessAfter.Select(c => c.ToLowerInvariant())];
        _likenessAnaphoric = [.. knowledge.Cues.LikenessAnaphoric.Select(c => c.ToLowerInvariant())];
        _notCredit = knowledge.Cues.EnglishNotCredit.Select(PersonNames.Key).ToFrozenSet(StringComparer.Ordinal);
        _chineseVerbCues = [.. knowledge.Cues.ChineseAfter.Where(c => !c.StartsWith('的'))];
        _chineseBefore = [.. knowledge.Cues.ChineseBefore];

        void Add(string alias, PersonEntry entry, bool cueOnly)
        {
            if (PersonNames.HasCjk(alias))
            {
                foreach (var form in PersonNames.ChineseForms(alias.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
                {
                    if (!chinese.TryGetValue(form[0], out var list))
                    {
                        chinese[form[0]] = list = [];
                    }

                    if (!list.Exists(x => x.Item1 == form))
                    {
                        list.Add((form, entry));
                    }
                }

                return;
            }

            var words = Words(alias).Select(w => w.Key).ToArray();
            if (words.Length == 0)
            {
                return;
            }

            if (!latin.TryGetValue(words[0], out var candidates))
            {
                latin[words[0]] = candidates = [];
            }

            if (!candidates.Exists(c => c.Words.AsSpan().SequenceEqual(words) && c.CueOnly == cueOnly))
            {
                candidates.Add(new LatinAlias(words, entry, cueOnly));
            }
        }
    }

    /// <summary>The finder over the curated data embedded in the assembly.</summary>
    public static PersonFinder Default => DefaultFinder.Value;

    private static readonly Lazy<PersonFinder> DefaultFinder = new(() => new PersonFinder(PeopleKnowledge.Default));

    /// <summary>The people and studios <paramref name="text"/> names, in order, none overlapping (the longest match wins).</summary>
    public IReadOnlyList<PersonMention> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<PersonMention>();
        var words = Words(text);
        FindLatin(words, found);
        FindChinese(text, found);
        FindUnfamiliarLatin(text, words, found);
        FindUnfamiliarChinese(text, found);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (found.Count > 0)
        {
            var lower = text.ToLowerInvariant();
            for (var i = 0; i < found.Count; i++)
            {
                if (Around(lower, found[i], _negationBefore, _negationAfter) || ClauseEndsWith(lower, found[i], _negationClauseEnd))
                {
                    // "奉俊昊的我都看过了，有没有类似风格的": seen all of theirs, and asking for their style by others.
                    found[i] = found[i] with { Negated = true, Likeness = found[i].Known && Says(lower, _likenessAnaphoric) };
                }
                else if (Around(lower, found[i], _likenessBefore, _likenessAfter) || (found[i].Known && Says(lower, _someoneElse)))
                {
                    // "我喜欢东野圭吾，还有哪些作家类似", "love Nolan, other directors with his style?": others like them.
                    found[i] = found[i] with { Likeness = true };
                }
                else if (i > 0 && (found[i - 1].Negated || found[i - 1].Likeness) && Joined(lower, found[i - 1], found[i]))
                {
                    // "skip the Indiana Jones and Jurassic Park ones": a name listed with a ruled-out one is ruled out too.
                    found[i] = found[i] with { Negated = found[i - 1].Negated, Likeness = found[i - 1].Likeness };
                }
            }
        }

        return found;
    }

    /// <summary>
    /// True when <paramref name="name"/> is a country whose books the catalog holds as well as its films ("Scandinavian
    /// ones" may be either: the conversation says which).
    /// </summary>
    public bool HasBooks(string name) => _withBooks.Contains(name);

    /// <summary>True when <paramref name="text"/> asks for someone other than the person asked about before ("换别的作家", "other directors").</summary>
    public bool AsksForSomeoneElse(string text) => Says(text, _someoneElse);

    /// <summary>True when <paramref name="text"/> asks for work like that of the person asked about before ("风格差不多", "similar").</summary>
    public bool AsksForLikeness(string text) => Says(text, _likenessAnaphoric);

    private static bool Says(string text, string[] cues)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        foreach (var cue in cues)
        {
            var at = lower.IndexOf(cue, StringComparison.Ordinal);
            if (at >= 0 && (PersonNames.IsCjk(cue[0]) || ((at == 0 || !char.IsLetter(lower[at - 1])) && (at + cue.Length == lower.Length || !char.IsLetter(lower[at + cue.Length])))))
            {
                return true;
            }
        }

        return false;
    }

    // A cue right before the name ("not", "除了"), or right after it past a few filler characters ("的我都看腻了").
    // True when only a conjunction stands between two names ("A and B", "A, B", "A和B", "A、B").
    private static bool Joined(string lower, PersonMention first, PersonMention second)
    {
        var start = first.Start + first.Length;
        if (second.Start < start)
        {
            return false;
        }

        var between = lower.AsSpan(start, second.Start - start).Trim();
        return between is "and" or "or" or "," or "&" or "/" or "and the" or "or the" or ", and" or "，" or "和" or "、" or "或" or "跟" or "还有" or "与"
            || ListedBetween().IsMatch(between);
    }

    // The clause holding the name ends with one of the cues (a clause runs to the next comma, stop or question mark, or
    // to a space between Chinese words: "想看日本小说 有啥推荐 漫画就不要了" turns down comics, not Japan).
    private static bool ClauseEndsWith(string lower, PersonMention m, string[] cues)
    {
        var from = Math.Min(m.Start + m.Length, lower.Length);
        var end = lower.AsSpan(from).IndexOfAny(ClauseStops);
        for (var at = from + 1; at < (end < 0 ? lower.Length : from + end) - 1; at++)
        {
            if (lower[at] == ' ' && PersonNames.IsCjk(lower[at - 1]) && PersonNames.IsCjk(lower[at + 1]))
            {
                end = at - from;
                break;
            }
        }

        var clause = lower.AsSpan(from, end < 0 ? lower.Length - from : end).TrimEnd();
        foreach (var cue in cues)
        {
            if (clause.EndsWith(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> ClauseStops = System.Buffers.SearchValues.Create(",.;!?，。；！？~～");

    private static bool Around(string lower, PersonMention m, string[] cuesBefore, string[] cuesAfter)
    {
        var before = lower.AsSpan(0, m.Start).TrimEnd();
        foreach (var cue in cuesBefore)
        {
            if (before.EndsWith(cue, StringComparison.Ordinal)
                && (PersonNames.IsCjk(cue[0]) || before.Length == cue.Length || !char.IsLetter(before[before.Length - cue.Length - 1])))
            {
                return true;
            }
        }

        var after = m.Start + m.Length;
        for (var skipped = 0; skipped <= 4 && after <= lower.Length; skipped++, after++)
        {
            var rest = lower.AsSpan(after);
            foreach (var cue in cuesAfter)
            {
                if (rest.StartsWith(cue, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            if (after == lower.Length || !"的我都也已经早就 ,，".Contains(lower[after], StringComparison.Ordinal))
            {
                break;
            }
        }

        return false;
    }

    private void FindLatin(List<Word> words, List<PersonMention> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!_latinByFirstWord.TryGetValue(words[i].Key, out var candidates))
            {
                continue;
            }

            foreach (var alias in candidates)
            {
                if (!Matches(words, i, alias.Words) || (alias.CueOnly && CueBefore(words, i) is null) || Overlaps(found, words[i].Start, words[i + alias.Words.Length - 1].End))
                {
                    continue;
                }

                var end = words[i + alias.Words.Length - 1].End;
                found.Add(new PersonMention(alias.Entry.Name, alias.Entry.Role, words[i].Start, end - words[i].Start));
                i += alias.Words.Length - 1;
                break;
            }
        }
    }

    private void FindChinese(string text, List<PersonMention> found)
    {
        var lower = text.ToLowerInvariant();
        for (var i = 0; i < lower.Length; i++)
        {
            if (!_chineseByFirstChar.TryGetValue(lower[i], out var candidates))
            {
                continue;
            }

            foreach (var (form, entry) in candidates)
            {
                if (string.CompareOrdinal(lower, i, form, 0, form.Length) != 0 || Overlaps(found, i, i + form.Length))
                {
                    continue;
                }

                // A Latin-initial form ("J.K.罗琳") must not start inside a word.
                if (char.IsAsciiLetter(form[0]) && i > 0 && char.IsAsciiLetter(lower[i - 1]))
                {
                    continue;
                }

                found.Add(new PersonMention(entry.Name, entry.Role, i, form.Length));
                i += form.Length - 1;
                break;
            }
        }
    }

    // "films by Qwerty Zxcvb", "directed by Joe Johnston": two or three capitalised words right after a cue; or before
    // a Chinese cue ("Brandon Kowalczyk 主演的").
    private void FindUnfamiliarLatin(string text, List<Word> words, List<PersonMention> found)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (CueBefore(words, i) is null)
            {
                continue;
            }

            var n = CapitalisedRun(text, words, i);
            if (n >= 2 && !Overlaps(found, words[i].Start, words[i + n - 1].End))
            {
                found.Add(Unfamiliar(text, words[i].Start, words[i + n - 1].End));
                i += n - 1;
            }
        }

        foreach (var cue in _chineseVerbCues)
        {
            for (var at = text.IndexOf(cue, StringComparison.Ordinal); at > 0; at = text.IndexOf(cue, at + cue.Length, StringComparison.Ordinal))
            {
                var last = words.FindLastIndex(w => w.End <= at && text.AsSpan(w.End, at - w.End).Trim().IsEmpty);
                if (last < 0)
                {
                    continue;
                }

                var first = last;
                while (first > 0 && last - first < 3 && words[first - 1].End == words[first].Start - 1 && IsCapitalised(text, words[first - 1]))
                {
                    first--;
                }

                if (last - first + 1 >= 2 && IsCapitalised(text, words[last]) && CapitalisedRun(text, words, first) >= last - first + 1
                    && !Overlaps(found, words[first].Start, words[last].End))
                {
                    found.Add(Unfamiliar(text, words[first].Start, words[last].End));
                }
            }
        }
    }

    // "王铁柱导演的电影", "有个作家叫林晓枫": a surname and one or two more characters right before a verb cue or right
    // after an introducing cue; a transliterated name ("某某·某某导演的") by its dot.
    private void FindUnfamiliarChinese(string text, List<PersonMention> found)
    {
        foreach (var cue in _chineseVerbCues)
        {
            for (var at = text.IndexOf(cue, StringComparison.Ordinal); at > 0; at = text.IndexOf(cue, at + cue.Length, StringComparison.Ordinal))
            {
                if (Overlaps(found, at - 1, at))
                {
                    continue; // a known name or a Latin name ends here
                }

                var start = DottedNameStart(text, at);
                if (start < 0)
                {
                    start = at >= 3 && IsSurnameName(text, at - 3, 3) ? at - 3 : at >= 2 && IsSurnameName(text, at - 2, 2) ? at - 2 : -1;
                }

                if (start >= 0 && !Overlaps(found, start, at))
                {
                    found.Add(new PersonMention(text[start..at], null, start, at - start));
                }
            }
        }

        foreach (var cue in _chineseBefore)
        {
            for (var at = text.IndexOf(cue, StringComparison.Ordinal); at >= 0; at = text.IndexOf(cue, at + cue.Length, StringComparison.Ordinal))
            {
                var start = at + cue.Length;
                var length = start + 3 <= text.Length && IsSurnameName(text, start, 3) ? 3 : start + 2 <= text.Length && IsSurnameName(text, start, 2) ? 2 : 0;
                if (length > 0 && !Overlaps(found, start, start + length))
                {
                    found.Add(new PersonMention(text.Substring(start, length), null, start, length));
                }
            }
        }
    }

    private static int DottedNameStart(string text, int end)
    {
        var start = end;
        var dots = 0;
        while (start > 0 && end - start < 16 && (PersonNames.IsCjk(text[start - 1]) || text[start - 1] is '·' or '•' or '・' or '‧'))
        {
            if (!PersonNames.IsCjk(text[start - 1]))
            {
                dots++;
            }

            start--;
        }

        if (dots == 0)
        {
            return -1;
        }

        // The name starts after the last grammar character before it ("有没有约翰·史密斯导演的" → "约翰·史密斯").
        for (var i = end - 1; i >= start; i--)
        {
            if (NotInNames.Contains(text[i], StringComparison.Ordinal))
            {
                start = i + 1;
                break;
            }
        }

        return end - start >= 3 && PersonNames.IsCjk(text[start]) ? start : -1;
    }

    private static bool IsSurnameName(string text, int start, int length)
    {
        if (start < 0 || start + length > text.Length || !ChineseSurnames.Contains(text[start], StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = start; i < start + length; i++)
        {
            if (!PersonNames.IsCjk(text[i]) || (i > start && NotInNames.Contains(text[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static PersonMention Unfamiliar(string text, int start, int end)
    {
        var name = text[start..end];
        if (name.EndsWith("'s", StringComparison.Ordinal) || name.EndsWith("’s", StringComparison.Ordinal))
        {
            name = name[..^2];
        }

        return new PersonMention(name, null, start, end - start);
    }

    // How many capitalised name-like words start at word i (at most three); none when the first is a common word.
    private static int CapitalisedRun(string text, List<Word> words, int i)
    {
        var n = 0;
        while (i + n < words.Count && n < 3 && IsCapitalised(text, words[i + n]) && !NotNameWords.Contains(words[i + n].Key)
               && (n == 0 || words[i + n].Start == words[i + n - 1].End + 1))
        {
            n++;
        }

        return n;
    }

    // A capitalised word of two or more letters, or an initial ("R." in "R. M. Vellacourt").
    private static bool IsCapitalised(string text, Word w) =>
        char.IsUpper(text[w.Start]) && w.Key.All(char.IsLetter) && (w.Key.Length >= 2 || (w.End - w.Start == 2 && text[w.End - 1] == '.'));

    // The cue right before word i ("by", "directed by"), or null.
    private string[]? CueBefore(List<Word> words, int i)
    {
        foreach (var cue in _englishCues)
        {
            // "inspired by", "based on a book by": the words before "by" say it is not a credit.
            if (i >= cue.Length && Matches(words, i - cue.Length, cue) && !(i > cue.Length && _notCredit.Contains(words[i - cue.Length - 1].Key)))
            {
                return cue;
            }
        }

        return null;
    }

    private static bool Matches(List<Word> words, int start, string[] alias)
    {
        if (start + alias.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < alias.Length; k++)
        {
            if (!string.Equals(words[start + k].Key, alias[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Overlaps(List<PersonMention> found, int start, int end)
    {
        foreach (var m in found)
        {
            if (start < m.Start + m.Length && m.Start < end)
            {
                return true;
            }
        }

        return false;
    }

    // Latin words: runs of letters, digits and the marks inside names (J.K., Kar-wai, O'Brien); a possessive "'s" is
    // not part of the key ("Nolan's films").
    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || (text[i] is '.' or '-' or '\'' or '’' && i + 1 < text.Length && IsWordChar(text[i + 1])) || (text[i] == '.' && i > start)))
            {
                i++;
            }

            var end = i;
            var span = text[start..end].TrimEnd('.');
            if (span.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || span.EndsWith("’s", StringComparison.OrdinalIgnoreCase))
            {
                span = span[..^2];
            }

            var key = PersonNames.Key(span);
            if (key.Length > 0)
            {
                words.Add(new Word(start, end, key));
            }
        }

        return words;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !PersonNames.IsCjk(c);

    private readonly record struct Word(int Start, int End, string Key);

    private sealed record LatinAlias(string[] Words, PersonEntry Entry, bool CueOnly);

    // "not tolkien / martin / rowling": a name the list holds between two found ones (one or two words, set off by
    // list marks on both sides) keeps the list going.
    [GeneratedRegex(@"^(?:(?:,|/|&|and|or|、|，)\s*[\p{L}.'-]+(?:\s+[\p{L}.'-]+)?\s*)+(?:,|/|&|and|or|, and|、|，)$")]
    private static partial Regex ListedBetween();
}
