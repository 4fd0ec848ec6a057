using AgentRec.Core.Catalog;

namespace AgentRec.Core.Explanation;

/// <summary>The facts about one recommended item an explanation may state.</summary>
public sealed record ItemFacts(CatalogItem Item, string Title, IReadOnlyList<string> Tags, IReadOnlyList<string> LikedTitles, IReadOnlyList<string> Reasons);

/// <summary>
/// Everything an explanation may claim, gathered from the data only: per item its title, year, genres, tags, rating
/// and the user's liked items that share its genres or tags; the constraints met; the titles the user named.
/// The template explainer states these directly; the LLM explainer lists them in its prompt and checks its output against them.
/// </summary>
public sealed class ExplanationFacts
{
    private static readonly Dictionary<string, string> ChineseGenres = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Action"] = "动作", ["Adventure"] = "冒险", ["Animation"] = "动画", ["Children"] = "儿童", ["Comedy"] = "喜剧",
        ["Crime"] = "犯罪", ["Documentary"] = "纪录片", ["Drama"] = "剧情", ["Fantasy"] = "奇幻", ["Film-Noir"] = "黑色电影",
        ["Horror"] = "恐怖", ["IMAX"] = "IMAX", ["Musical"] = "歌舞", ["Mystery"] = "悬疑", ["Romance"] = "爱情",
        ["Sci-Fi"] = "科幻", ["Thriller"] = "惊悚", ["War"] = "战争", ["Western"] = "西部",
    };

    private ExplanationFacts(ExplanationContext context, IReadOnlyList<ItemFacts> items, IReadOnlyList<string> anchors)
    {
        Context = context;
        Items = items;
        Anchors = anchors;
    }

    public ExplanationContext Context { get; }
    public IReadOnlyList<ItemFacts> Items { get; }

    /// <summary>The catalog titles the user named ("movies like Heat").</summary>
    public IReadOnlyList<string> Anchors { get; }

    /// <summary>Every genre name the explainer knows, English and Chinese, so a mentioned genre can be checked.</summary>
    public static IEnumerable<(string English, string Chinese)> KnownGenres => ChineseGenres.Select(p => (p.Key, p.Value));

    /// <summary>Gathers the facts of <paramref name="context"/>; with a <paramref name="catalog"/>, the user's liked items are related to each item.</summary>
    public static ExplanationFacts Gather(ExplanationContext context, ItemCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var liked = new List<CatalogItem>();
        if (catalog is not null)
        {
            foreach (var h in context.User.History.Reverse())
            {
                var positive = h.Kind == InteractionKinds.Like || (h.Kind == InteractionKinds.Rating && h.Value >= 4);
                if (positive && catalog.TryGet(h.ItemId, out var other))
                {
                    liked.Add(other);
                    if (liked.Count == 50)
                    {
                        break;
                    }
                }
            }
        }

        var items = new List<ItemFacts>(context.Items.Count);
        foreach (var c in context.Items)
        {
            var item = c.Item;
            var likedTitles = liked
                .Where(o => o.Id != item.Id && (o.Genres.Intersect(item.Genres).Count() >= 2 || o.Tags.Intersect(item.Tags, StringComparer.OrdinalIgnoreCase).Any()))
                .Select(o => Title(o)).Take(2).ToArray();
            items.Add(new ItemFacts(item, Title(item), ItemTags(item), likedTitles, [.. c.Reasons.Distinct()]));
        }

        var anchors = context.Intent.SimilarTo.Where(s => s.ItemId is not null).Select(s => s.Title).ToArray();
        return new ExplanationFacts(context, items, anchors);
    }

    /// <summary>An item's title with its year: "Heat (1995)".</summary>
    public static string Title(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Year is { } y ? string.Create(CultureInfo.InvariantCulture, $"{item.DisplayTitle} ({y})") : item.DisplayTitle;
    }

    /// <summary>The tags worth stating: the first three, without series markers.</summary>
    public static IReadOnlyList<string> ItemTags(CatalogItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return [.. item.Tags.Where(t => !t.StartsWith("series:", StringComparison.Ordinal)).Take(3)];
    }

    /// <summary>A genre's Chinese name (the English one when it has none).</summary>
    public static string ChineseGenre(string genre) => ChineseGenres.TryGetValue(genre, out var zh) ? zh : genre;

    /// <summary>The facts as prompt lines: the constraints met, then one line per item.</summary>
    public string ToPromptText()
    {
        var intent = Context.Intent;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Requested count: {intent.Count}; items found: {Items.Count}.\n");
        if (intent.Genres.Count > 0)
        {
            var held = Context.Items.All(c => intent.Genres.All(g => c.Item.Genres.Contains(g, StringComparer.OrdinalIgnoreCase)));
            sb.Append(held ? "Every item has the genres: " : "The catalog lists no genres for these items; they were matched by text to: ")
                .Append(string.Join(", ", intent.Genres)).Append(".\n");
        }

        if (intent.ExcludeGenres.Count > 0)
        {
            sb.Append("No item has the genres: ").Append(string.Join(", ", intent.ExcludeGenres)).Append(".\n");
        }

        if (intent.YearFrom is not null || intent.YearTo is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Years: {intent.YearFrom?.ToString(CultureInfo.InvariantCulture) ?? "any"} to {intent.YearTo?.ToString(CultureInfo.InvariantCulture) ?? "any"}.\n");
        }

        if (Anchors.Count > 0)
        {
            sb.Append("Similar to: ").Append(string.Join(", ", Anchors)).Append(".\n");
        }

        foreach (var f in Items)
        {
            var item = f.Item;
            sb.Append("- ").Append(f.Title).Append(": ");
            sb.Append(item.Genres.Count > 0 ? string.Join(", ", item.Genres) : item.Creators.Count > 0 ? "by " + string.Join(", ", item.Creators) : "no genre listed");
            if (item.Popularity > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; rated {item.MeanRating:0.0}/5 by {item.Popularity} people");
            }

            if (f.Tags.Count > 0)
            {
                sb.Append("; tagged ").Append(string.Join(", ", f.Tags));
            }

            if (f.LikedTitles.Count > 0)
            {
                sb.Append("; shares genres or tags with ").Append(string.Join(", ", f.LikedTitles)).Append(", which the user liked");
            }

            sb.Append('\n');
        }

        return sb.ToString().TrimEnd();
    }
}
