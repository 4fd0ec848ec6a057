namespace AgentRec.Core.Evaluation.Answers;

/// <summary>
/// A judgement over one returned item, built from <c>all</c>, <c>any</c>, <c>not</c> and leaves, and decided on the
/// catalog's own facts (shared/eval/README.md lists the leaves).
/// </summary>
public abstract record AnswerPredicate
{
    /// <summary>The leaf keys the format allows.</summary>
    public static IReadOnlyList<string> LeafKeys { get; } =
        ["genre", "tag", "booktag", "title", "author", "yearFrom", "yearTo", "minRatings", "minAvg", "domain"];

    /// <summary>True when <paramref name="item"/> satisfies the predicate.</summary>
    public abstract bool Matches(JudgedItem item);

    /// <summary>Reads a predicate object; <paramref name="where"/> names its place for error messages.</summary>
    /// <exception cref="FormatException">The object is not a predicate of the format.</exception>
    public static AnswerPredicate Parse(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where}: a predicate must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }

        var parts = new List<AnswerPredicate>();
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{where}.{property.Name}";
            parts.Add(property.Name switch
            {
                "all" => new AllOf(ParseList(property.Value, at)),
                "any" => new AnyOf(ParseList(property.Value, at)),
                "not" => new NotOf(Parse(property.Value, at)),
                "genre" => new GenreIs(ReadText(property.Value, at)),
                "tag" => new TagContains(ReadText(property.Value, at)),
                "booktag" => new BookTagContains(ReadText(property.Value, at)),
                "title" => new TitleContains(ReadText(property.Value, at)),
                "author" => new AuthorContains(ReadText(property.Value, at)),
                "yearFrom" => new YearFrom(Integer(property.Value, at)),
                "yearTo" => new YearTo(Integer(property.Value, at)),
                "minRatings" => new MinRatings(Integer(property.Value, at)),
                "minAvg" => new MinAverage(Number(property.Value, at)),
                "domain" => new DomainIs(ReadDomain(property.Value, at)),
                _ => throw new FormatException(
                    $"{at}: unknown predicate key '{property.Name}' (known: all, any, not, {string.Join(", ", LeafKeys)})"),
            });
        }

        return parts.Count switch
        {
            0 => throw new FormatException($"{where}: an empty predicate object"),
            1 => parts[0],
            // Several keys in one object all hold, as {"all": [...]} would say.
            _ => new AllOf(parts),
        };
    }

    private static List<AnswerPredicate> ParseList(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw new FormatException($"{where}: expects a non-empty array of predicates");
        }

        var list = new List<AnswerPredicate>(value.GetArrayLength());
        var i = 0;
        foreach (var child in value.EnumerateArray())
        {
            list.Add(Parse(child, $"{where}[{i++}]"));
        }

        return list;
    }

    private static string ReadText(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s
            ? s
            : throw new FormatException($"{where}: expects a non-empty string");

    private static int Integer(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)
            ? n
            : throw new FormatException($"{where}: expects an integer");

    private static double Number(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var x) && double.IsFinite(x)
            ? x
            : throw new FormatException($"{where}: expects a number");

    private static JudgedDomain ReadDomain(JsonElement value, string where) => ReadText(value, where) switch
    {
        "movie" => JudgedDomain.Movie,
        "book" => JudgedDomain.Book,
        var other => throw new FormatException($"{where}: '{other}' is not a domain (movie or book)"),
    };

    private static bool Contains(string haystack, string needle) =>
        haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static bool AnyContains(IReadOnlyList<string> values, string needle)
    {
        foreach (var value in values)
        {
            if (Contains(value, needle))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every part holds.</summary>
    public sealed record AllOf(IReadOnlyList<AnswerPredicate> Parts) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => Parts.All(p => p.Matches(item));
    }

    /// <summary>At least one part holds.</summary>
    public sealed record AnyOf(IReadOnlyList<AnswerPredicate> Parts) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => Parts.Any(p => p.Matches(item));
    }

    /// <summary>The part does not hold.</summary>
    public sealed record NotOf(AnswerPredicate Part) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => !Part.Matches(item);
    }

    /// <summary>A MovieLens genre, exactly.</summary>
    public sealed record GenreIs(string Genre) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Genres.Contains(Genre, StringComparer.Ordinal);
    }

    /// <summary>A substring of one of the movie's MovieLens user tags, any case.</summary>
    public sealed record TagContains(string Text) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Domain == JudgedDomain.Movie && AnyContains(item.Tags, Text);
    }

    /// <summary>A substring of one of the book's goodbooks tags applied at least <see cref="AnswerFacts.MinBookTagCount"/> times.</summary>
    public sealed record BookTagContains(string Text) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Domain == JudgedDomain.Book && AnyContains(item.Tags, Text);
    }

    /// <summary>A substring of the title (books: the title or the original title), any case.</summary>
    public sealed record TitleContains(string Text) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => AnyContains(item.Titles, Text);
    }

    /// <summary>A substring of the book's authors field, any case.</summary>
    public sealed record AuthorContains(string Text) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Authors is { } authors && Contains(authors, Text);
    }

    /// <summary>The item's year is this one or later.</summary>
    public sealed record YearFrom(int Year) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Year >= Year;
    }

    /// <summary>The item's year is this one or earlier.</summary>
    public sealed record YearTo(int Year) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Year <= Year;
    }

    /// <summary>At least this many ratings (MovieLens ratings, or goodbooks ratings_count).</summary>
    public sealed record MinRatings(int Count) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Ratings >= Count;
    }

    /// <summary>A mean rating of at least this (MovieLens mean rating, or goodbooks average_rating).</summary>
    public sealed record MinAverage(double Mean) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Ratings > 0 && item.MeanRating >= Mean;
    }

    /// <summary>The item is a movie, or a book.</summary>
    public sealed record DomainIs(JudgedDomain Domain) : AnswerPredicate
    {
        public override bool Matches(JudgedItem item) => item.Domain == Domain;
    }
}
