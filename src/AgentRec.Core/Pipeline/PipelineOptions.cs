namespace AgentRec.Core.Pipeline;

/// <summary>Which implementation serves each stage. Section <c>Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    /// <summary>
    /// Intent parser: "rules" (deterministic; the default) or "llm" (the local model at Llm:ModelPath, constrained to
    /// the intent JSON, with rules as fallback; rules when no model path is set).
    /// </summary>
    [RegularExpression("^(rules|llm)$", ErrorMessage = "Pipeline:IntentParser must be 'rules' or 'llm'.")]
    public string IntentParser { get; set; } = "rules";

    /// <summary>
    /// Candidate retriever: "lexical" (BM25 and hard filters over the in-process catalog) or "hybrid" (BM25 fused with
    /// the trained encoder's vector index, same hard filters; lexical until the index is ready).
    /// </summary>
    [RegularExpression("^(lexical|hybrid)$", ErrorMessage = "Pipeline:Retriever must be 'lexical' or 'hybrid'.")]
    public string Retriever { get; set; } = "lexical";

    /// <summary>
    /// Reranker: "features" (linear model over request–item features: the trained weights of models/trained/reranker when
    /// present, else hand-set). A cross-encoder configured at <c>Ranking:CrossEncoder:Path</c> takes precedence.
    /// </summary>
    [RegularExpression("^(features)$", ErrorMessage = "Pipeline:Reranker must be 'features'.")]
    public string Reranker { get; set; } = "features";

    /// <summary>
    /// Explainer: "template" (grounded sentences from catalog facts; the default) or "llm" (the local model at
    /// Llm:ModelPath over prompts/explain.yaml, each sentence checked against the facts, the template as fallback).
    /// </summary>
    [RegularExpression("^(template|llm)$", ErrorMessage = "Pipeline:Explainer must be 'template' or 'llm'.")]
    public string Explainer { get; set; } = "template";

    /// <summary>How long the intent parser may take before the rule parser answers instead, in milliseconds.</summary>
    [Range(1, 600_000, ErrorMessage = "Pipeline:IntentTimeoutMs must be between 1 and 600000.")]
    public int IntentTimeoutMs { get; set; } = 10_000;

    /// <summary>How long the reranker may take before the retrieval order is kept, in milliseconds.</summary>
    [Range(1, 600_000, ErrorMessage = "Pipeline:RerankTimeoutMs must be between 1 and 600000.")]
    public int RerankTimeoutMs { get; set; } = 5_000;

    /// <summary>
    /// How long the explanation may take, in milliseconds: an explainer that fails or runs out of time before its first
    /// fragment is replaced by the template explainer; one that stops later leaves the explanation as far as it got.
    /// </summary>
    [Range(1, 600_000, ErrorMessage = "Pipeline:ExplainTimeoutMs must be between 1 and 600000.")]
    public int ExplainTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// Seconds of start-up warm-up, before /readyz says ready: built-in requests run through the stages (no state read
    /// or written, no stage telemetry) until the JIT has compiled the hot code at its optimised tier (it goes quiet) or
    /// this time is up; 0 turns the warm-up off. Without it the first seconds of traffic after a start run on
    /// unoptimised code.
    /// </summary>
    [Range(0, 600, ErrorMessage = "Pipeline:WarmupSeconds must be between 0 and 600.")]
    public double WarmupSeconds { get; set; } = 10;

    /// <summary>
    /// MovieLens ratings a movie needs before it is recommended at all (an evidence floor: titles rated by one or two
    /// people are noise, however well their words match). Chosen on the team's answer sets (eval answers).
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Pipeline:MinMovieRatings must be between 0 and 100000.")]
    public int MinMovieRatings { get; set; } = 10;

    /// <summary>goodbooks ratings a book needs before it is recommended at all.</summary>
    [Range(0, 100_000_000, ErrorMessage = "Pipeline:MinBookRatings must be between 0 and 100000000.")]
    public int MinBookRatings { get; set; } = 5_000;

    /// <summary>
    /// The movie floor when the request asks for the less known ("hidden gems", "underrated", 冷门) or names a person
    /// or studio, whose lesser works are still what was asked for.
    /// </summary>
    [Range(0, 100_000, ErrorMessage = "Pipeline:RelaxedMinMovieRatings must be between 0 and 100000.")]
    public int RelaxedMinMovieRatings { get; set; } = 3;

    /// <summary>The book floor when the request asks for the less known or names an author.</summary>
    [Range(0, 100_000_000, ErrorMessage = "Pipeline:RelaxedMinBookRatings must be between 0 and 100000000.")]
    public int RelaxedMinBookRatings { get; set; } = 0;

    /// <summary>The most MovieLens ratings a "hidden gem" may have (0: no limit): the well-known are not hidden.</summary>
    [Range(0, 100_000, ErrorMessage = "Pipeline:HiddenGemMaxMovieRatings must be between 0 and 100000.")]
    public int HiddenGemMaxMovieRatings { get; set; } = 24;

    /// <summary>The most goodbooks ratings a "hidden gem" book may have (0: no limit).</summary>
    [Range(0, 100_000_000, ErrorMessage = "Pipeline:HiddenGemMaxBookRatings must be between 0 and 100000000.")]
    public int HiddenGemMaxBookRatings { get; set; } = 30_000;

    /// <summary>The least mean rating (of 5) a "hidden gem" needs: a gem is little known and well liked.</summary>
    [Range(0.0, 5.0, ErrorMessage = "Pipeline:HiddenGemMinMeanRating must be between 0 and 5.")]
    public double HiddenGemMinMeanRating { get; set; } = 3.7;

    /// <summary>The least goodbooks mean rating a "hidden gem" book needs (goodbooks means run higher: 4.0 is typical).</summary>
    [Range(0.0, 5.0, ErrorMessage = "Pipeline:HiddenGemMinBookMeanRating must be between 0 and 5.")]
    public double HiddenGemMinBookMeanRating { get; set; } = 3.9;
}
