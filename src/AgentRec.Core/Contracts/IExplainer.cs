namespace AgentRec.Core.Contracts;

/// <summary>Feedback the user gave in their message ("I already watched Heat"), to acknowledge before the answer.</summary>
public sealed record FeedbackAcknowledgement(string Signal, IReadOnlyList<string> Titles);

/// <summary>Everything an explanation may draw on: the request, its intent, the chosen items and the user.</summary>
public sealed record ExplanationContext(
    string Message,
    RecommendationIntent Intent,
    IReadOnlyList<ScoredCandidate> Items,
    UserContext User,
    string Language)
{
    /// <summary>Feedback given in the message, when there was any.</summary>
    public FeedbackAcknowledgement? Acknowledged { get; init; }

    /// <summary>The catalog items of the titles the request named (the intent's resolved similarTo), in order.</summary>
    public IReadOnlyList<CatalogItem> Anchors { get; init; } = [];

    /// <summary>The people and studios the request names (hard constraints on the items), with what the catalog holds of theirs.</summary>
    public IReadOnlyList<NamedPerson> People { get; init; } = [];

    /// <summary>
    /// True when the items are the work the request names in its other form: the book a named film was made from, or
    /// the film made of a named book ("want to read the book it's based on").
    /// </summary>
    public bool OtherForm { get; init; }

    /// <summary>
    /// Names the catalog holds nothing of that the request offered an alternative to ("anything by X? or similar ones
    /// if not"): the items answer the rest of the request, and the explanation says the name was not found.
    /// </summary>
    public IReadOnlyList<string> NotFound { get; init; } = [];

    /// <summary>
    /// The newest year the catalog holds of the kind asked for, set when nothing answered and the years asked begin
    /// after it ("comedies from the last few years" of a catalog that ends in 2018): the explanation says where it ends.
    /// </summary>
    public int? CatalogEndsIn { get; init; }
}

/// <summary>Explains an answer from the data only, streamed as text fragments.</summary>
public interface IExplainer
{
    /// <summary>The explanation, fragment by fragment as it is produced.</summary>
    IAsyncEnumerable<string> ExplainAsync(ExplanationContext context, CancellationToken cancellationToken);
}
