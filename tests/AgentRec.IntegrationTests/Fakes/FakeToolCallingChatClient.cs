using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentRec.IntegrationTests.Fakes;

/// <summary>
/// A chat model stand-in (no generative model can run here): it calls one tool first, then answers with the titles
/// and years it finds in that tool's result (a list, an object with items, or one item), as a model answering from its
/// tool output would. It records what it was sent and which tools it was offered.
/// </summary>
internal sealed class FakeToolCallingChatClient(string toolName, Dictionary<string, object?> arguments) : IChatClient
{
    public List<List<ChatMessage>> Requests { get; } = [];

    public List<string> ToolsOffered { get; } = [];

    public string? Instructions { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var list = messages.ToList();
        Requests.Add(list);
        Instructions = options?.Instructions;
        ToolsOffered.Clear();
        ToolsOffered.AddRange(options?.Tools?.Select(t => t.Name) ?? []);
        var result = list.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
        if (result is null)
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", toolName, arguments)]))
            {
                FinishReason = ChatFinishReason.ToolCalls,
            };
        }

        var json = result.Result is JsonElement element ? element : JsonSerializer.SerializeToElement(result.Result, AIJsonUtilities.DefaultOptions);
        var items = json.ValueKind == JsonValueKind.Array ? json.EnumerateArray().ToArray()
            : json.TryGetProperty("items", out var listed) ? listed.EnumerateArray().ToArray()
            : [json];
        var titles = items.Select(i => $"{i.GetProperty("title").GetString()} ({i.GetProperty("year")})");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "Here you are: " + string.Join("; ", titles)))
        {
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
