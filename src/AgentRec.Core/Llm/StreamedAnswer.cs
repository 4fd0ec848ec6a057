using Microsoft.Extensions.AI;

namespace AgentRec.Core.Llm;

/// <summary>The updates of one streamed answer, each naming the answer, its model and when it began.</summary>
internal sealed class StreamedAnswer(string modelId, DateTimeOffset created)
{
    /// <summary>The answer's id, also its message id and the stem of its call id.</summary>
    public string ResponseId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>A piece of the answer's text.</summary>
    public ChatResponseUpdate Text(string text) => Stamp(new ChatResponseUpdate(ChatRole.Assistant, text));

    /// <summary>The answer's last update: <paramref name="content"/> (if any), the token usage and why it ended.</summary>
    public ChatResponseUpdate Last(AIContent? content, int promptTokens, int outputTokens, ChatFinishReason finishReason)
    {
        var usage = new UsageContent(new UsageDetails
        {
            InputTokenCount = promptTokens,
            OutputTokenCount = outputTokens,
            TotalTokenCount = promptTokens + outputTokens,
        });
        var update = Stamp(new ChatResponseUpdate(ChatRole.Assistant, content is null ? [usage] : [content, usage]));
        update.FinishReason = finishReason;
        return update;
    }

    /// <summary>A call of <paramref name="toolName"/> with the members of the JSON object <paramref name="arguments"/>.</summary>
    public FunctionCallContent Call(string toolName, JsonElement arguments)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in arguments.EnumerateObject())
        {
            values[property.Name] = property.Value.Clone();
        }

        return new FunctionCallContent("call_" + ResponseId, toolName, values);
    }

    private ChatResponseUpdate Stamp(ChatResponseUpdate update)
    {
        update.ResponseId = ResponseId;
        update.MessageId = ResponseId;
        update.ModelId = modelId;
        update.CreatedAt = created;
        return update;
    }
}
