using System.ComponentModel;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Ranking;
using AgentRec.Core.Retrieval;
using Microsoft.SemanticKernel;

namespace AgentRec.Plugins;

/// <summary>Catalog search and text reranking for agents that assemble their own answers.</summary>
public sealed class CatalogPlugin(CatalogSearch search, IPairScorer pairScorer)
{
    /// <summary>Free-text search with optional structured filters.</summary>
    [KernelFunction("search_catalog")]
    [Description("Searches the catalog by free text (title words, tags, authors, topics) with optional filters on genres, years and domain. Returns the best matches.")]
    public IReadOnlyList<RecommendedItem> SearchCatalog(
        [Description("Words to look for, e.g. 'heist', 'time travel', 'Tolkien'.")] string text,
        [Description("Optional filters: genres (all required), excludeGenres, yearFrom, yearTo (inclusive), domain (movie, book or any).")] CatalogFilters? filters = null,
        [Description("How many items to return (1-50, default 10).")] int? count = null)
    {
        if (string.IsNullOrWhiteSpace(text) && filters is null)
        {
            throw new AgentRecPluginException("invalid_request", "Give some text to search for, or filters.");
        }

        PluginInput.Text(text, "text");
        if (count is < 1 or > RecommendationIntent.MaxCount)
        {
            throw new AgentRecPluginException(ErrorCodes.InvalidRequest, $"count must be between 1 and {RecommendationIntent.MaxCount}.");
        }

        return search.Search(text ?? string.Empty, filters, count ?? RecommendationIntent.DefaultCount)
            .Select(r => new RecommendedItem(r.Item.Id, r.Item.DisplayTitle, r.Item.Year, r.Item.Genres, r.Score, []))
            .ToArray();
    }

    /// <summary>Orders candidate texts by relevance to a query: the configured cross-encoder, else BM25 over the catalog's vocabulary.</summary>
    [KernelFunction("rerank")]
    [Description("Orders candidate texts by relevance to a query and returns each with its score, best first. Use it to rank your own candidate descriptions.")]
    public IReadOnlyList<RerankedCandidate> Rerank(
        [Description("The query.")] string query,
        [Description("The candidate texts, e.g. item descriptions.")] IReadOnlyList<string> candidates,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new AgentRecPluginException("invalid_request", "query is required.");
        }

        if (candidates is null || candidates.Count is 0 or > 1000)
        {
            throw new AgentRecPluginException("invalid_request", "Give between 1 and 1000 candidates.");
        }

        PluginInput.Text(query, "query");
        for (var i = 0; i < candidates.Count; i++)
        {
            PluginInput.Text(candidates[i], "candidates[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
        }

        var scores = pairScorer.Score(query, candidates, cancellationToken);
        return scores.Select((s, i) => new RerankedCandidate(i, candidates[i], Math.Round(s, 4)))
            .OrderByDescending(r => r.Score).ThenBy(r => r.Index).ToArray();
    }
}
