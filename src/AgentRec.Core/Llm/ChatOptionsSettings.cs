using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// How both local engines read <see cref="ChatOptions"/>: MaxOutputTokens, Temperature (0 = greedy), TopP, TopK, Seed,
/// StopSequences and AdditionalProperties[<see cref="RepetitionPenaltyKey"/>] become <see cref="GenerationSettings"/>;
/// a JSON ResponseFormat without a schema asks for the intent contract's JSON.
/// </summary>
public static class ChatOptionsSettings
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key for the repetition penalty.</summary>
    public const string RepetitionPenaltyKey = "repetition_penalty";

    /// <summary>The generation settings <paramref name="options"/> ask for.</summary>
    public static GenerationSettings From(ChatOptions? options)
    {
        if (options is null)
        {
            return new GenerationSettings();
        }

        float? penalty = null;
        if (options.AdditionalProperties?.TryGetValue(RepetitionPenaltyKey, out var value) == true && value is not null)
        {
            penalty = Convert.ToSingle(value, CultureInfo.InvariantCulture);
        }

        return new GenerationSettings
        {
            MaxNewTokens = options.MaxOutputTokens,
            Temperature = options.Temperature,
            DoSample = options.Temperature is { } t ? t > 0 : null,
            TopP = options.TopP,
            TopK = options.TopK,
            Seed = options.Seed is { } seed ? unchecked((int)seed) : null,
            StopSequences = options.StopSequences is { } stops ? [.. stops] : [],
            RepetitionPenalty = penalty,
            ConstrainToIntentJson = options.ResponseFormat is ChatResponseFormatJson { Schema: null },
        };
    }
}
