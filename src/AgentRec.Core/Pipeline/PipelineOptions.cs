using System.ComponentModel.DataAnnotations;

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

    /// <summary>Reranker: "features" (linear model over request–item features).</summary>
    [RegularExpression("^(features)$", ErrorMessage = "Pipeline:Reranker must be 'features'.")]
    public string Reranker { get; set; } = "features";

    /// <summary>
    /// Explainer: "template" (grounded sentences from catalog facts; the default) or "llm" (the local model at
    /// Llm:ModelPath over prompts/explain.yaml, each sentence checked against the facts, the template as fallback).
    /// </summary>
    [RegularExpression("^(template|llm)$", ErrorMessage = "Pipeline:Explainer must be 'template' or 'llm'.")]
    public string Explainer { get; set; } = "template";
}
