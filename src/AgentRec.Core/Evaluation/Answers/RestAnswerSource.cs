using System.Net.Http.Json;

namespace AgentRec.Core.Evaluation.Answers;

/// <summary>
/// Asks a running service over REST: each turn is a <c>POST /api/recommendations</c> with <c>userId</c> null, carrying
/// the <c>conversationId</c> the previous answer returned.
/// </summary>
public sealed class RestAnswerSource(HttpClient http) : IAnswerSource
{
    /// <summary>The endpoint, relative to the client's base address.</summary>
    public const string Path = "api/recommendations";

    /// <inheritdoc />
    public async Task<AnswerReply> AskAsync(IReadOnlyList<string> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turns);
        string? conversationId = null;
        AnswerReply? reply = null;
        for (var t = 0; t < turns.Count; t++)
        {
            using var response = await http.PostAsJsonAsync(Path,
                new Dictionary<string, string?> { ["message"] = turns[t], ["userId"] = null, ["conversationId"] = conversationId },
                cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"turn {t + 1}: HTTP {(int)response.StatusCode}: {Shorten(body)}");
            }

            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            conversationId = root.TryGetProperty("conversationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : conversationId;
            var ids = new List<string>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.TryGetProperty("itemId", out var id) && id.GetString() is { } s)
                    {
                        ids.Add(s);
                    }
                }
            }

            var explanation = root.TryGetProperty("explanation", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : "";
            var intent = root.TryGetProperty("intent", out var i) ? i.GetRawText() : "null";
            reply = new AnswerReply(ids, explanation, intent);
        }

        return reply!;
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
