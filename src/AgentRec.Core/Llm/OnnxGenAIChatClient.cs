using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>
/// <see cref="IChatClient"/> over a local <see cref="OnnxGenAIModel"/>, so Microsoft.Extensions.AI and Semantic Kernel
/// use it like any chat service. <see cref="ChatOptions"/> map to generation settings: MaxOutputTokens, Temperature
/// (0 = greedy), TopP, TopK, Seed, StopSequences, AdditionalProperties["repetition_penalty"]; a JSON ResponseFormat
/// constrains the output to the intent contract's JSON (the one schema this engine constrains to).
/// The non-streaming answer is the streaming one gathered, so both give the same text.
/// </summary>
public sealed class OnnxGenAIChatClient : IChatClient
{
    /// <summary>The <see cref="ChatOptions.AdditionalProperties"/> key for the repetition penalty.</summary>
    public const string RepetitionPenaltyKey = "repetition_penalty";

    private readonly OnnxGenAIModel _model;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata;

    /// <summary>A client over <paramref name="model"/>, which it does not dispose.</summary>
    public OnnxGenAIChatClient(OnnxGenAIModel model, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _time = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata("onnxruntime-genai-layout", new Uri(Path.GetFullPath(model.Folder)), model.Name);
    }

    /// <summary>The model this client runs.</summary>
    public OnnxGenAIModel Model => _model;

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = _model.ChatTemplate.Render(messages.Select(m => (m.Role.Value, m.Text)));
        var settings = ToSettings(options);
        var responseId = Guid.NewGuid().ToString("N");
        var created = _time.GetUtcNow();
        await Task.Yield();
        using var generation = _model.StartGeneration(_model.EncodePrompt(prompt), settings, cancellationToken);
        while (generation.Next() is { } text)
        {
            if (text.Length > 0)
            {
                yield return Update(text, responseId, created);
            }
        }

        var tail = generation.Finish();
        if (tail.Length > 0)
        {
            yield return Update(tail, responseId, created);
        }

        var final = new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = generation.PromptTokens,
            OutputTokenCount = generation.Tokens.Count,
            TotalTokenCount = generation.PromptTokens + generation.Tokens.Count,
        })])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = _model.Name,
            CreatedAt = created,
            FinishReason = generation.StopReason == GenerationStopReason.MaxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
        };
        yield return final;
    }

    /// <summary>The generation settings <paramref name="options"/> ask for.</summary>
    public static GenerationSettings ToSettings(ChatOptions? options)
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
            ConstrainToIntentJson = options.ResponseFormat is ChatResponseFormatJson,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return serviceType.IsInstanceOfType(_model) ? _model : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private ChatResponseUpdate Update(string text, string responseId, DateTimeOffset created) => new(ChatRole.Assistant, text)
    {
        ResponseId = responseId,
        MessageId = responseId,
        ModelId = _model.Name,
        CreatedAt = created,
    };
}
