namespace AgentRec.Core.Llm;

/// <summary>
/// One generation's search once the model's genai_config.json defaults fill what its <see cref="GenerationSettings"/>
/// leave open: the token budget the context allows, and how each token is picked.
/// </summary>
internal readonly record struct ResolvedSearch(int MaxNewTokens, bool DoSample, float Temperature, int TopK, float TopP, float RepetitionPenalty, int Seed)
{
    /// <summary>
    /// The search for <paramref name="promptIds"/>: the budget is the settings', else what the model's max_length leaves
    /// after the prompt, else 256, never more than the context leaves. An empty prompt, or one that fills the context, is refused.
    /// </summary>
    public static ResolvedSearch For(GenAIConfig config, int[] promptIds, GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        if (promptIds.Length == 0)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(promptIds));
        }

        var room = config.ContextLength - promptIds.Length;
        if (room <= 0)
        {
            throw new ArgumentException($"The prompt has {promptIds.Length} tokens; the model's context is {config.ContextLength}.", nameof(promptIds));
        }

        var search = config.Search;
        var maxNew = settings.MaxNewTokens ?? (search.MaxLength is { } maxLength ? maxLength - promptIds.Length : 256);
        return Picking(settings, search, Math.Clamp(maxNew, 1, room));
    }

    /// <summary>How tokens are picked under <paramref name="settings"/> and the model's <paramref name="search"/> defaults, within <paramref name="maxNewTokens"/>.</summary>
    public static ResolvedSearch Picking(GenerationSettings settings, SearchDefaults search, int maxNewTokens)
    {
        var temperature = settings.Temperature ?? search.Temperature;
        var doSample = (settings.DoSample ?? (search.DoSample || settings.Temperature is > 0)) && temperature > 0;
        return new ResolvedSearch(maxNewTokens, doSample, temperature, settings.TopK ?? search.TopK, settings.TopP ?? search.TopP,
            settings.RepetitionPenalty ?? search.RepetitionPenalty, settings.Seed ?? 0);
    }

    /// <summary>A sampler over <paramref name="width"/> logits that picks as this search says.</summary>
    public LogitsSampler Sampler(int width) => new(width, DoSample, Temperature, TopK, TopP, Seed);
}
