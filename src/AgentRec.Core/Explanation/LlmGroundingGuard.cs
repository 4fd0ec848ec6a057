namespace AgentRec.Core.Explanation;

/// <summary>What the guard decided about one sentence.</summary>
public enum GroundingVerdict
{
    /// <summary>Every checked claim is in the facts and the sentence states at least one fact.</summary>
    Supported,

    /// <summary>The sentence states nothing checkable (filler); it is dropped, not trusted.</summary>
    NoFact,

    /// <summary>The sentence names a title, year, number or genre that the facts do not hold.</summary>
    Unsupported,
}

/// <summary>
/// Checks a generated sentence against <see cref="ExplanationFacts"/>: every number (years, ratings, counts) must appear
/// in the facts or the request; every genre named (English or Chinese) must be one of the items' or the request's;
/// every quoted or 《》 title and every "Title (YYYY)" must be a title from the facts. A small model can still write
/// unchecked claims in plain words; those sentences carry no fact and are dropped as filler.
/// </summary>
public sealed partial class LlmGroundingGuard
{
    private readonly HashSet<string> _numbers = new(StringComparer.Ordinal);
    private readonly List<string> _titles = [];
    private readonly List<string> _factWords = [];
    private readonly HashSet<string> _genres = new(StringComparer.OrdinalIgnoreCase);

    public LlmGroundingGuard(ExplanationFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var context = facts.Context;
        foreach (Match m in Number().Matches(facts.ToPromptText() + "\n" + context.Message))
        {
            _numbers.Add(Normalise(m.Value));
        }

        foreach (var f in facts.Items)
        {
            AddTitle(f.Title);
            AddTitle(f.Item.DisplayTitle);
            AddTitle(f.Item.Title);
            foreach (var liked in f.LikedTitles)
            {
                AddTitle(liked);
            }

            foreach (var g in f.Item.Genres)
            {
                _genres.Add(g);
            }

            _factWords.AddRange(f.Tags);
            _factWords.AddRange(f.Item.Creators);
        }

        foreach (var t in facts.Anchors.Concat(context.Acknowledged?.Titles ?? []))
        {
            AddTitle(t);
        }

        foreach (var g in context.Intent.Genres.Concat(context.Intent.ExcludeGenres))
        {
            _genres.Add(g);
        }

        foreach (var g in _genres.ToArray())
        {
            _genres.Add(ExplanationFacts.ChineseGenre(g));
        }

        _factWords.AddRange(_genres);
        _factWords.AddRange(context.Intent.Keywords);
    }

    /// <summary>Why the last <see cref="Check"/> rejected its sentence.</summary>
    public string? LastReason { get; private set; }

    /// <summary>The verdict on one sentence.</summary>
    public GroundingVerdict Check(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        LastReason = null;
        var stated = false;
        foreach (Match m in Number().Matches(sentence))
        {
            if (!_numbers.Contains(Normalise(m.Value)))
            {
                return Reject($"number {m.Value}");
            }

            stated = true;
        }

        foreach (var (english, chinese) in ExplanationFacts.KnownGenres)
        {
            var named = Regex.IsMatch(sentence, @"(?<![\w-])" + Regex.Escape(english) + @"(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
                || sentence.Contains(chinese, StringComparison.Ordinal);
            if (named && !_genres.Contains(english))
            {
                return Reject($"genre {english}");
            }
        }

        foreach (Match m in QuotedTitle().Matches(sentence))
        {
            var title = m.Groups["t"].Value.Trim();
            if (!_titles.Any(t => t.Equals(title, StringComparison.OrdinalIgnoreCase)) && !_factWords.Any(w => w.Equals(title, StringComparison.OrdinalIgnoreCase)))
            {
                return Reject($"title {title}");
            }

            stated = true;
        }

        foreach (Match m in YearInParentheses().Matches(sentence))
        {
            var upTo = sentence[..(m.Index + m.Length)];
            if (!_titles.Any(t => upTo.EndsWith(t, StringComparison.OrdinalIgnoreCase)))
            {
                return Reject($"title before {m.Value}");
            }
        }

        stated = stated || _titles.Any(t => sentence.Contains(t, StringComparison.OrdinalIgnoreCase))
            || _factWords.Any(w => w.Length > 1 && sentence.Contains(w, StringComparison.OrdinalIgnoreCase));
        return stated ? GroundingVerdict.Supported : GroundingVerdict.NoFact;
    }

    private GroundingVerdict Reject(string reason)
    {
        LastReason = reason;
        return GroundingVerdict.Unsupported;
    }

    private void AddTitle(string title)
    {
        if (!string.IsNullOrWhiteSpace(title) && !_titles.Contains(title, StringComparer.OrdinalIgnoreCase))
        {
            _titles.Add(title);
        }
    }

    private static string Normalise(string number) => number.Replace(",", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\d+(?:[.,]\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex("[《\"“](?<t>[^》\"”]{1,120})[》\"”]", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedTitle();

    [GeneratedRegex(@"\(\d{4}\)", RegexOptions.CultureInvariant)]
    private static partial Regex YearInParentheses();
}
