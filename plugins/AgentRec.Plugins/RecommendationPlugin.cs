using System.ComponentModel;
using System.Globalization;
using AgentRec.Core.Catalog;
using AgentRec.Core.Contracts;
using AgentRec.Core.Intent;
using AgentRec.Core.Personalization;
using AgentRec.Core.Pipeline;
using AgentRec.Core.Retrieval;
using AgentRec.Core.State;
using Microsoft.SemanticKernel;

namespace AgentRec.Plugins;

/// <summary>Recommendations, similar items, explanations and feedback: AgentRec's pipeline as kernel functions.</summary>
public sealed class RecommendationPlugin(
    RecommendationPipeline pipeline, FeedbackRecorder feedback, ItemCatalog catalog, TitleResolver titles)
{
    /// <summary>Recommends items for a natural-language request.</summary>
    [KernelFunction("recommend")]
    [Description("Recommends movies or books for a natural-language request in English or Chinese, e.g. 'a few highly rated sci-fi films from the 90s, nothing like horror'. Returns the parsed intent, the items in order, and a grounded explanation. Items always meet the requested genres, excluded genres and years.")]
    public async Task<RecommendationResult> RecommendAsync(
        [Description("What the user asked for, in their own words.")] string request,
        [Description("The user's id, to personalize with their history and feedback. Omit for an anonymous user.")] string? user_id = null,
        [Description("How many items to return (1-50). Omit to use the number in the request, or 10.")] int? count = null,
        CancellationToken cancellationToken = default)
    {
        if (count is < 1 or > RecommendationIntent.MaxCount)
        {
            throw new AgentRecPluginException(ErrorCodes.InvalidRequest, $"count must be between 1 and {RecommendationIntent.MaxCount}.");
        }

        var (response, error) = await pipeline.CollectAsync(new RecommendRequest { Message = request, UserId = user_id }, count, cancellationToken);
        if (error is not null)
        {
            throw new AgentRecPluginException(error.Code, error.Message);
        }

        return new RecommendationResult(response!.Intent!, response.Items, response.Explanation);
    }

    /// <summary>Items like a given title or id.</summary>
    [KernelFunction("similar_items")]
    [Description("Finds items similar to one title (fuzzy: 'heat', 'The Matrix', 'Heat (1995)') or catalog item id, from what the same audience liked and shared genres and tags.")]
    public async Task<IReadOnlyList<RecommendedItem>> SimilarItemsAsync(
        [Description("A title or a catalog item id.")] string title_or_id,
        [Description("How many items to return (1-50, default 10).")] int? count = null,
        CancellationToken cancellationToken = default)
    {
        PluginInput.Text(title_or_id, "title_or_id");
        if (count is < 1 or > RecommendationIntent.MaxCount)
        {
            throw new AgentRecPluginException(ErrorCodes.InvalidRequest, $"count must be between 1 and {RecommendationIntent.MaxCount}.");
        }

        var anchor = Resolve(title_or_id);
        var intent = new RecommendationIntent
        {
            Action = IntentActions.Similar,
            Domain = anchor.Domain == ItemDomain.Book ? IntentDomains.Book : IntentDomains.Movie,
            SimilarTo = [new TitleReference(anchor.Title, anchor.Id)],
            Count = Math.Clamp(count ?? RecommendationIntent.DefaultCount, 1, RecommendationIntent.MaxCount),
        };
        var chosen = await pipeline.SelectAsync(intent, anchor.Title, UserContext.Anonymous, null, cancellationToken);
        return chosen.Select(c => ToSummary(c)).ToArray();
    }

    /// <summary>Why an item might suit a user, from the data only.</summary>
    [KernelFunction("explain")]
    [Description("Explains an item from catalog facts only (genres, year, tags, rating) and, with a user id, which of the items they liked share its genres or tags.")]
    public async Task<ItemExplanation> ExplainAsync(
        [Description("The catalog item id.")] string item_id,
        [Description("The user's id, to relate the item to what they liked.")] string? user_id = null,
        CancellationToken cancellationToken = default)
    {
        PluginInput.Id(item_id, "item_id");
        PluginInput.Id(user_id, "user_id");
        if (!catalog.TryGet(item_id ?? string.Empty, out var item))
        {
            throw new AgentRecPluginException(ErrorCodes.UnknownItem, $"No catalog item has id '{item_id}'.");
        }

        var user = await pipeline.LoadUserAsync(user_id, cancellationToken);
        var liked = new List<string>();
        foreach (var h in user.History.Reverse())
        {
            var positive = h.Kind == InteractionKinds.Like || (h.Kind == InteractionKinds.Rating && h.Value >= 4);
            if (positive && h.ItemId != item.Id && catalog.TryGet(h.ItemId, out var other)
                && (other.Genres.Intersect(item.Genres).Count() >= 2 || other.Tags.Intersect(item.Tags, StringComparer.OrdinalIgnoreCase).Any()))
            {
                liked.Add(other.Title);
                if (liked.Count == 3)
                {
                    break;
                }
            }
        }

        var text = string.Create(CultureInfo.InvariantCulture,
            $"{item.DisplayTitle}{(item.Year is { } y ? $" ({y})" : string.Empty)}: {(item.Genres.Count > 0 ? string.Join(", ", item.Genres) : "no genre listed")}");
        if (item.Popularity > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; rated {item.MeanRating:0.0}/5 by {item.Popularity:N0} people");
        }

        if (item.Tags.Count > 0)
        {
            text += "; tagged " + string.Join(", ", item.Tags.Take(5));
        }

        if (liked.Count > 0)
        {
            text += "; it shares genres or tags with " + string.Join(", ", liked) + ", which you liked";
        }

        return new ItemExplanation(item.Id, item.DisplayTitle, item.Year, item.Genres, item.Tags.Take(10).ToArray(),
            item.MeanRating, item.Popularity, liked, text + ".");
    }

    /// <summary>Stores a user's feedback on an item.</summary>
    [KernelFunction("record_feedback")]
    [Description("Records a user's feedback on an item: like, dislike, watched or skip. It is stored durably and changes that user's next recommendations at once.")]
    public async Task<FeedbackResult> RecordFeedbackAsync(
        [Description("The user's id.")] string user_id,
        [Description("The catalog item id.")] string item_id,
        [Description("One of: like, dislike, watched, skip.")] string signal,
        CancellationToken cancellationToken = default)
    {
        var (ack, error) = await feedback.RecordAsync(new FeedbackRequest { UserId = user_id, ItemId = item_id, Signal = signal }, cancellationToken);
        if (error is not null)
        {
            throw new AgentRecPluginException(error.Code, error.Message);
        }

        return new FeedbackResult(ack!.Accepted, ack.UserId, ack.ItemId, ack.Signal);
    }

    private CatalogItem Resolve(string titleOrId)
    {
        if (string.IsNullOrWhiteSpace(titleOrId))
        {
            throw new AgentRecPluginException(ErrorCodes.InvalidRequest, "title_or_id is required.");
        }

        if (catalog.TryGet(titleOrId.Trim(), out var byId))
        {
            return byId;
        }

        return titles.Resolve(titleOrId)?.Item
            ?? throw new AgentRecPluginException(ErrorCodes.UnknownItem, $"No catalog title matches '{titleOrId}'.");
    }

    private static RecommendedItem ToSummary(ScoredCandidate c) =>
        new(c.Item.Id, c.Item.DisplayTitle, c.Item.Year, c.Item.Genres, Math.Round(c.FinalScore, 4), c.Reasons.Distinct().ToArray());
}
