using System.Runtime.Serialization;

namespace AgentRec.Core.Contracts;

/// <summary>A title the user named, resolved to a catalog item when one matches.</summary>
/// <param name="Title">The catalog title ("Heat (1995)") when resolved, else the user's words.</param>
/// <param name="ItemId">The catalog item id, or null when no item matched.</param>
[DataContract]
public sealed record TitleReference(
    [property: JsonPropertyName("title"), DataMember(Name = "title")] string Title,
    [property: JsonPropertyName("itemId"), DataMember(Name = "itemId")] string? ItemId);

/// <summary>
/// What the user asked for, in the intent contract of ARCHITECTURE.md (camelCase JSON). Every stage after
/// parsing reads only this.
/// </summary>
[DataContract]
public sealed record RecommendationIntent
{
    /// <summary>The default number of items when the user does not say.</summary>
    public const int DefaultCount = 10;

    /// <summary>The most items one request may ask for.</summary>
    public const int MaxCount = 50;

    [JsonPropertyName("action"), DataMember(Name = "action")]
    public string Action { get; init; } = IntentActions.Recommend;

    [JsonPropertyName("domain"), DataMember(Name = "domain")]
    public string Domain { get; init; } = IntentDomains.Movie;

    [JsonPropertyName("genres"), DataMember(Name = "genres")]
    public IReadOnlyList<string> Genres { get; init; } = [];

    [JsonPropertyName("excludeGenres"), DataMember(Name = "excludeGenres")]
    public IReadOnlyList<string> ExcludeGenres { get; init; } = [];

    [JsonPropertyName("yearFrom"), DataMember(Name = "yearFrom")]
    public int? YearFrom { get; init; }

    [JsonPropertyName("yearTo"), DataMember(Name = "yearTo")]
    public int? YearTo { get; init; }

    [JsonPropertyName("similarTo"), DataMember(Name = "similarTo")]
    public IReadOnlyList<TitleReference> SimilarTo { get; init; } = [];

    [JsonPropertyName("keywords"), DataMember(Name = "keywords")]
    public IReadOnlyList<string> Keywords { get; init; } = [];

    [JsonPropertyName("sort"), DataMember(Name = "sort")]
    public string Sort { get; init; } = IntentSorts.Relevance;

    [JsonPropertyName("count"), DataMember(Name = "count")]
    public int Count { get; init; } = DefaultCount;

    /// <summary>
    /// Topics the request rules out ("nothing gory", "not superhero stuff"): the answer leaves out items that carry them
    /// while enough others fit. Not part of the intent contract: it is neither serialized nor sent to clients.
    /// </summary>
    [JsonIgnore]
    [IgnoreDataMember]
    public IReadOnlyList<string> AvoidKeywords { get; init; } = [];

    /// <summary>
    /// Catalog ids of titles a request names to leave out beside the ones it is like ("movies like Heat but not Ronin"):
    /// the answer never holds them. Not part of the intent contract: it is neither serialized nor sent to clients.
    /// </summary>
    [JsonIgnore]
    [IgnoreDataMember]
    public IReadOnlyList<string> LeaveOut { get; init; } = [];
}

/// <summary>The values of <see cref="RecommendationIntent.Action"/>.</summary>
public static class IntentActions
{
    public const string Recommend = "recommend";
    public const string Similar = "similar";
    public const string Explain = "explain";
    public const string Refine = "refine";
    public const string Feedback = "feedback";
    public const string Smalltalk = "smalltalk";

    /// <summary>Every action, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } = [Recommend, Similar, Explain, Refine, Feedback, Smalltalk];
}

/// <summary>The values of <see cref="RecommendationIntent.Domain"/>.</summary>
public static class IntentDomains
{
    public const string Movie = "movie";
    public const string Book = "book";
    public const string Any = "any";

    /// <summary>Every domain, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } = [Movie, Book, Any];

    /// <summary>The catalog kind <paramref name="domain"/> asks for; null for "any" (or a value outside the contract).</summary>
    public static ItemDomain? ItemKind(string? domain) => domain switch
    {
        Book => ItemDomain.Book,
        Movie => ItemDomain.Movie,
        _ => null,
    };

    /// <summary>The intent domain naming items of <paramref name="kind"/>.</summary>
    public static string Of(ItemDomain kind) => kind == ItemDomain.Book ? Book : Movie;
}

/// <summary>The values of <see cref="RecommendationIntent.Sort"/>.</summary>
public static class IntentSorts
{
    public const string Relevance = "relevance";
    public const string Rating = "rating";
    public const string Popularity = "popularity";
    public const string Newest = "newest";

    /// <summary>Every sort, in contract order.</summary>
    public static IReadOnlyList<string> All { get; } = [Relevance, Rating, Popularity, Newest];
}
