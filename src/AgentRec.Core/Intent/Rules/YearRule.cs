namespace AgentRec.Core.Intent.Rules;

/// <summary>
/// Years and decades with their bounds: "before 2000", "the 90s", "2010年以后", "between 1990 and 1995"; spans back from
/// <c>thisYear</c>: "the last 10 years", 近五年.
/// </summary>
internal static partial class YearRule
{
    internal static (int? From, int? To, bool Any) ExtractYears(string canon, int thisYear)
    {
        int? lower = null, upper = null, hullFrom = null, hullTo = null;
        var any = false;
        var pendingRange = false;
        var lastEnd = -1;

        void Bound(int? lo, int? hi)
        {
            if (lo is { } l)
            {
                lower = lower is null ? l : Math.Max(lower.Value, l);
            }

            if (hi is { } h)
            {
                upper = upper is null ? h : Math.Min(upper.Value, h);
            }
        }

        void Hull(int lo, int hi)
        {
            hullFrom = hullFrom is null ? lo : Math.Min(hullFrom.Value, lo);
            hullTo = hullTo is null ? hi : Math.Max(hullTo.Value, hi);
        }

        // 四十年代 → 1940: the decades of the 1900s by their Chinese digit.
        static int ChineseDecade(char digit) => 1900 + 10 * ("一二三四五六七八九".IndexOf(digit, StringComparison.Ordinal) + 1);

        var mentions = new List<(int Index, int Length, int Lo, int Hi)>();
        foreach (Match m in Decade().Matches(canon))
        {
            int start;
            if (m.Groups["d"].Success)
            {
                var d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
                start = d >= 1000 ? d : d switch { 0 => 2000, 10 => 2010, _ => 1900 + d };
            }
            else if (m.Groups["w"].Success)
            {
                start = m.Groups["w"].Value switch
                {
                    "twenties" => 1920, "thirties" => 1930, "forties" => 1940, "fifties" => 1950, "sixties" => 1960,
                    "seventies" => 1970, "eighties" => 1980, "nineties" => 1990, _ => 2000,
                };
            }
            else
            {
                start = ChineseDecade(m.Groups["cn"].Value[0]);
            }

            var (lo, hi) = (m.Groups["mod"].Value, m.Groups["cnmod"].Value) switch
            {
                ("early", _) or (_, "初" or "前期") => (start, start + 3),
                ("mid", _) or (_, "中" or "中期") => (start + 3, start + 6),
                ("late", _) or (_, "末" or "后期") => (start + 6, start + 9),
                _ => (start, start + 9),
            };
            // "四五十年代": the forties and the fifties.
            if (m.Groups["cn0"].Success)
            {
                lo = ChineseDecade(m.Groups["cn0"].Value[0]);
            }

            mentions.Add((m.Index, m.Length, lo, hi));
        }

        foreach (Match m in Century().Matches(canon))
        {
            // "上世纪八十年代": the decade says when; the century only says which.
            if (m.Groups["last"].Success && Decade().Match(canon, m.Index + m.Length) is { Success: true } decade
                && decade.Index - (m.Index + m.Length) <= 1)
            {
                continue;
            }

            var start = CenturyStart(m);
            var (lo, hi) = (m.Groups["mod"].Value, m.Groups["cnmod"].Value) switch
            {
                ("early", _) or (_, "初" or "初期" or "前期" or "上半叶") => (start, start + 32),
                ("mid", _) or (_, "中" or "中期" or "中叶") => (start + 33, start + 66),
                ("late", _) or (_, "末" or "末期" or "后期" or "下半叶") => (start + 67, start + 99),
                _ => (start, start + 99),
            };
            mentions.Add((m.Index, m.Length, lo, hi));
        }

        foreach (Match m in Year().Matches(canon))
        {
            // "watched alien (the 1979 one)": the year says which film, not which years to answer from.
            if (WhichOne().IsMatch(canon[..m.Groups["y"].Index]) && WhichOneAfter().IsMatch(canon[(m.Groups["y"].Index + 4)..]))
            {
                continue;
            }

            var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            mentions.Add((m.Groups["y"].Index, 4, y, y));
        }

        mentions.Sort((a, b) => a.Index.CompareTo(b.Index));
        foreach (var (index, length, lo, hi) in mentions)
        {
            any = true;
            var before = canon[Math.Max(0, index - 40)..index];
            var after = canon[(index + length)..Math.Min(canon.Length, index + length + 30)];
            if (pendingRange && RangeJoin().IsMatch(before) && index - lastEnd < 16)
            {
                Bound(null, hi);
                pendingRange = false;
            }
            else if (NegatedBeforeCue().IsMatch(before))
            {
                // "nothing before 2000", "not before 1990": from that year on.
                Bound(lo, null);
            }
            else if (NegatedAfterCue().IsMatch(before))
            {
                Bound(null, hi);
            }
            else if (BeforeCue().IsMatch(before) || ChineseBefore().IsMatch(after))
            {
                Bound(null, lo - 1);
            }
            else if (AfterCue().IsMatch(before))
            {
                Bound(hi + 1, null);
            }
            else if (UntilCue().IsMatch(before) || OrEarlier().IsMatch(after))
            {
                Bound(null, hi);
            }
            else if (BetweenCue().IsMatch(before) || (FromCue().IsMatch(before) && RangeNext().IsMatch(after)) || ChineseRangeNext().IsMatch(after))
            {
                Bound(lo, null);
                pendingRange = true;
            }
            else if (SinceCue().IsMatch(before) || OnwardAfter().IsMatch(after) || ChineseAfter().IsMatch(after))
            {
                Bound(lo, null);
            }
            else
            {
                Hull(lo, hi);
            }

            lastEnd = index + length;
        }

        // "From the last 10 years", 近五年: from this year less the span on; a year said beside it ("the last few years,
        // like 2015 onwards", 近几年的，2010年之后) says exactly what the span only approximates.
        if (mentions.Count == 0 && Vocabulary.CueVocabulary.Default.YearsBack(canon) is { } back)
        {
            any = true;
            Bound(thisYear - back, null);
        }

        if (!any)
        {
            return (null, null, false);
        }

        int? from = hullFrom, to = hullTo;
        if (lower is { } lw)
        {
            from = from is null ? lw : Math.Max(from.Value, lw);
        }

        if (upper is { } up)
        {
            to = to is null ? up : Math.Min(to.Value, up);
        }

        if (from > to)
        {
            (from, to) = hullFrom is not null ? (hullFrom, hullTo) : (lower, upper);
            if (from > to)
            {
                (from, to) = (to, from);
            }
        }

        return (from, to, true);
    }

    [GeneratedRegex(@"(?:(?<mod>early|mid|late)[\s-]*)?(?<![\d])'?(?<d>(?:19|20)\d0|[0-9]0)(?:'?s\b|\s*年代(?<cnmod>初|中期|中|末|后期|前期)?)|\b(?:(?<mod>early|mid|late)[\s-]*)?(?<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties|aughts)\b|(?<cn0>[一二三四五六七八九])?(?<cn>[一二三四五六七八九])十年代(?<cnmod>初|中期|中|末|后期|前期)?")]
    internal static partial Regex Decade();

    // The first year of a century mention: "the 19th century" and 十九世纪 are the 1800s; 上世纪 ("last century") the 1900s.
    private static int CenturyStart(Match m)
    {
        if (m.Groups["last"].Success)
        {
            return 1900;
        }

        var n = m.Groups["n"].Value;
        var number = n switch
        {
            "fifteenth" or "十五" => 15, "sixteenth" or "十六" => 16, "seventeenth" or "十七" => 17, "eighteenth" or "十八" => 18,
            "nineteenth" or "十九" => 19, "twentieth" or "二十" => 20, "twenty-first" or "twenty first" or "二十一" => 21,
            _ => int.Parse(n, CultureInfo.InvariantCulture),
        };
        return (number - 1) * 100;
    }

    [GeneratedRegex(@"(?:(?<mod>early|mid|late)[\s-]*)?\b(?:(?<n>1[5-9]|2[01])(?:st|nd|rd|th)|(?<n>fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first))[\s-]+century\b|(?:(?<n>1[5-9]|2[01]|十[五六七八九]|二十一?)|(?<last>上个?))\s*世纪(?<cnmod>初期|初|中期|中叶|中|末期|末|后期|前期|上半叶|下半叶)?")]
    private static partial Regex Century();

    [GeneratedRegex(@"(?<![\d.])(?<y>1[89]\d\d|20[0-4]\d)(?![\d])(?!'?s\b|\s*年代)")]
    internal static partial Regex Year();

    [GeneratedRegex(@"(?:\(\s*(?:the\s+)?|\bthe\s+)$", RegexOptions.IgnoreCase)]
    private static partial Regex WhichOne();

    [GeneratedRegex(@"^\s*(?:\)|(?:one|version|original|film|movie)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex WhichOneAfter();

    [GeneratedRegex(@"(?:\bbefore|\bprior\s+to|\bearlier\s+than|\bolder\s+than|\bpre-?|\bup\s+until)\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex BeforeCue();

    [GeneratedRegex(@"(?:\bnot|\bnothing|\bnone|\bno\s+(?:movies?|films?|books?))(?:\s+(?:from|made|released|published|that\s+came\s+out))?\s+(?:before|prior\s+to|earlier\s+than|older\s+than)\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex NegatedBeforeCue();

    [GeneratedRegex(@"(?:\bnot|\bnothing|\bnone|\bno\s+(?:movies?|films?|books?))(?:\s+(?:from|made|released|published|that\s+came\s+out))?\s+(?:after|later\s+than|newer\s+than|more\s+recent\s+than)\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex NegatedAfterCue();

    [GeneratedRegex(@"(?:\bafter|\bpost-?|\blater\s+than|\bnewer\s+than|\bmore\s+recent\s+than|\bpast)\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex AfterCue();

    [GeneratedRegex(@"(?:\buntil|\btill|\bup\s+to|\bthrough|\bthru|\bno\s+later\s+than|\bnot\s+after|\bby)\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex UntilCue();

    [GeneratedRegex(@"(?:\bsince|\bstarting(?:\s+(?:in|from|with|at))?|\bbeginning(?:\s+(?:in|with|from))?|\bas\s+of|\bnot\s+before|\bno\s+earlier\s+than|从)\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex SinceCue();

    [GeneratedRegex(@"\bfrom\s*(?:the\s+)?(?:year\s+)?'?$")]
    internal static partial Regex FromCue();

    [GeneratedRegex(@"\bbetween\s*(?:the\s+)?(?:years?\s+)?'?$")]
    internal static partial Regex BetweenCue();

    [GeneratedRegex(@"^\s*(?:'?s\b)?\s*(?:-|–|to|through|thru|till|until|and)\s*(?:the\s+)?'?\d")]
    internal static partial Regex RangeNext();

    [GeneratedRegex(@"(?:-|–|\bto|\bthrough|\bthru|\btill|\buntil|\band|到|至|~)\s*(?:the\s+)?'?$")]
    internal static partial Regex RangeJoin();

    [GeneratedRegex(@"^\s*(?:\+|(?:and|or)\s+(?:later|after|newer|up|beyond|onwards?|since|more\s+recent)|onwards?|on\b|forward|(?:to|till|until)\s+(?:now|present|today|date)|年?\s*(?:以后|之后|以来|后|起|开始|往后|至今|及以后))")]
    internal static partial Regex OnwardAfter();

    [GeneratedRegex(@"^\s*(?:(?:and|or)\s+(?:earlier|before|older|prior)|年?\s*(?:及以前|及之前))")]
    internal static partial Regex OrEarlier();

    [GeneratedRegex(@"^\s*年?\s*(?:以后|之后|以来|后|起|开始|往后|至今)")]
    internal static partial Regex ChineseAfter();

    [GeneratedRegex(@"^\s*年?\s*(?:以前|之前|前)(?![\d一二三四五六七八九十])")]
    internal static partial Regex ChineseBefore();

    [GeneratedRegex(@"^\s*年?\s*(?:到|至|~|-)\s*\d")]
    internal static partial Regex ChineseRangeNext();
}
