using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AgentRec.UnitTests.Explanation;

/// <summary>
/// A chat client that streams a chosen text in small chunks, standing in for a model that writes a specific claim
/// (a random-weight test model cannot be steered to write one). With <see cref="Endless"/> it never finishes.
/// </summary>
public sealed class FakeChatClient(string text) : IChatClient
{
    public bool Endless { get; init; }

    public int ChunksStreamed { get; private set; }

    public IList<ChatMessage> LastMessages { get; private set; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastMessages = [.. messages];
        do
        {
            for (var i = 0; i < text.Length; i += 3)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                ChunksStreamed++;
                yield return new ChatResponseUpdate(ChatRole.Assistant, text.Substring(i, Math.Min(3, text.Length - i)));
            }
        }
        while (Endless);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
