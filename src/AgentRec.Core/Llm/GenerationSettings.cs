namespace AgentRec.Core.Llm;

/// <summary>One generation's search settings; null values take the model's genai_config.json <c>search</c> defaults.</summary>
public sealed record GenerationSettings
{
    /// <summary>The most new tokens (never more than the context leaves).</summary>
    public int? MaxNewTokens { get; init; }

    /// <summary>Sample instead of picking the most likely token. Greedy when false, or when <see cref="Temperature"/> is 0.</summary>
    public bool? DoSample { get; init; }
    public float? Temperature { get; init; }
    public int? TopK { get; init; }
    public float? TopP { get; init; }

    /// <summary>Divides positive (multiplies negative) logits of tokens already in the sequence; 1 is off.</summary>
    public float? RepetitionPenalty { get; init; }

    /// <summary>Seed of the sampler's <see cref="Random"/>; the same seed and prompt give the same tokens.</summary>
    public int? Seed { get; init; }

    /// <summary>Text that ends the answer; the text is not part of the output.</summary>
    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Constrain the output to the intent JSON contract (see <see cref="IntentJsonGrammar"/>).</summary>
    public bool ConstrainToIntentJson { get; init; }

    /// <summary>Reuse the key-value cache between steps (true); false recomputes the whole sequence each step (tests, benchmarks).</summary>
    public bool UseKvCache { get; init; } = true;
}

/// <summary>Why generation ended.</summary>
public enum GenerationStopReason
{
    EndOfSequence,
    StopSequence,
    MaxTokens,
    ConstraintComplete,
}
