namespace AgentRec.Core.Ranking;

/// <summary>
/// The rerankers' data-grounded reasons for one request: the requested genres, the keywords an item's description
/// matches, and the item's rating with its support. The request's texts are built once per request and each item's
/// rating text once per item, so a request that reranks a hundred candidates does not format a hundred copies.
/// </summary>
internal sealed class RerankReasons
{
    private static readonly ConditionalWeakTable<CatalogItem, string> RatingTexts = [];
    private readonly string? _genres;
    private readonly IReadOnlyList<string> _keywords;
    private readonly string[] _keywordTexts;

    /// <summary>The reasons <paramref name="intent"/> can give.</summary>
    public RerankReasons(RecommendationIntent intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        _genres = intent.Genres.Count > 0 ? "genre: " + string.Join(", ", intent.Genres) : null;
        _keywords = intent.Keywords;
        _keywordTexts = new string[_keywords.Count];
        for (var i = 0; i < _keywordTexts.Length; i++)
        {
            _keywordTexts[i] = "matches: " + _keywords[i];
        }
    }

    /// <summary>Adds the reasons that hold for <paramref name="candidate"/> to its <see cref="ScoredCandidate.Reasons"/>.</summary>
    public void AddTo(ScoredCandidate candidate)
    {
        var item = candidate.Item;
        if (_genres is not null)
        {
            candidate.Reasons.Add(_genres);
        }

        for (var i = 0; i < _keywordTexts.Length; i++)
        {
            if (item.Description.Contains(_keywords[i], StringComparison.OrdinalIgnoreCase))
            {
                candidate.Reasons.Add(_keywordTexts[i]);
            }
        }

        if (item.Popularity > 0)
        {
            candidate.Reasons.Add(RatingTexts.GetValue(item, static i => string.Create(CultureInfo.InvariantCulture, $"rated {i.MeanRating:0.0}/5 by {i.Popularity:N0} people")));
        }
    }
}
