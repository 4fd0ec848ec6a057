using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AgentRec.UnitTests.Intent;

public sealed class RuleIntentParserPropertyTests
{
    private static readonly RuleIntentParser Parser = new();

    private static readonly string[] Fragments =
    [
        "recommend", "a", "five", "movies", "like", "heat", "no", "horror", "90s", "before", "1980", "top", "10", "科幻", "不要",
        "恐怖", "几部", "年代", "的", "\"", "《", "》", "'", ",", "?", "between", "and", "2005年以后", "more", "the first one", "why",
        "thanks", "hi", "\u0000", "\uD800", "\t", "-", "sci-fi", "couple", "some", "从", "to", "since", "onwards", "nothing", "but",
    ];

    [Property(MaxTest = 300)]
    public bool Any_string_parses_to_a_valid_intent(string? message)
    {
        var intent = Parser.Parse(message ?? "");
        return IsValid(intent);
    }

    [Property(MaxTest = 300)]
    public Property Any_mix_of_request_words_parses_to_a_valid_intent()
    {
        var words = Gen.ArrayOf(Gen.Elements(Fragments)).Select(a => string.Join(" ", a));
        return Prop.ForAll(words.ToArbitrary(), message => IsValid(Parser.Parse(message, Parser.Parse("comedies"))));
    }

    private static bool IsValid(RecommendationIntent intent) =>
        intent.Count is >= 1 and <= RecommendationIntent.MaxCount
        && IntentActions.All.Contains(intent.Action)
        && IntentSorts.All.Contains(intent.Sort)
        && IntentDomains.All.Contains(intent.Domain)
        && (intent.YearFrom is null || intent.YearTo is null || intent.YearFrom <= intent.YearTo)
        && intent.Genres.All(IsGenre)
        && intent.ExcludeGenres.All(IsGenre);

    private static bool IsGenre(string genre) =>
        genre is "Action" or "Adventure" or "Animation" or "Children" or "Comedy" or "Crime" or "Documentary" or "Drama" or "Fantasy"
            or "Film-Noir" or "Horror" or "IMAX" or "Musical" or "Mystery" or "Romance" or "Sci-Fi" or "Thriller" or "War" or "Western";
}
