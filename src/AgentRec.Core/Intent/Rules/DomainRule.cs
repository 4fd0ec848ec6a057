namespace AgentRec.Core.Intent.Rules;

/// <summary>The kind of item a request names (movies, books or both), and the kind a conversation carries.</summary>
internal static partial class DomainRule
{
    internal static string? ExtractDomain(string canon)
    {
        // The words are data (cues.json, "domains"); measure words ("几本", "这部") and 片 are read here, by position.
        var cues = Vocabulary.CueVocabulary.Default.DomainsIn(canon);
        var book = cues.Book || (!cues.NotBook && BookMeasure().IsMatch(canon));
        var movie = cues.Movie || (!cues.NotMovie && MovieMeasure().IsMatch(canon));
        // "小说改编的电影", "movies based on novels": the books are the source, the films what is asked for.
        if (book && movie && AdaptationCue().IsMatch(canon))
        {
            return IntentDomains.Movie;
        }

        // "算了懒得看书" turns books down: the other kind is what is left.
        if (!book && !movie)
        {
            return cues.NotBook && !cues.NotMovie ? IntentDomains.Movie : cues.NotMovie && !cues.NotBook ? IntentDomains.Book : null;
        }

        return book && movie ? IntentDomains.Any : book ? IntentDomains.Book : IntentDomains.Movie;
    }

    // The kind a conversation's earlier turn asked for, carried to a turn that names none ("crime novels" → "scandinavian ones").
    internal static string? Carried(RecommendationIntent? previous) =>
        previous is { Action: not IntentActions.Smalltalk } ? previous.Domain : null;

    [GeneratedRegex(@"(?:小说|书|原著|作品)改编(?:的|成的)?(?:电影|影片|片子|片)|\b(?:movies?|films?)\s+(?:based\s+on|adapted\s+from)\b|\b(?:movie|film)\s+adaptations?\s+of\b")]
    internal static partial Regex AdaptationCue();

    [GeneratedRegex(@"[一两二三四五六七八九十几这那哪每多]本(?![来身人地土质])")]
    internal static partial Regex BookMeasure();

    [GeneratedRegex(@"(?<![书名])片")]
    internal static partial Regex MovieMeasure();
}
