using System.Text.Json;
using System.Text.Json.Nodes;
using AgentRec.Core.Contracts;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// The intent as a conversation's state keeps it: the contract JSON, plus what the contract does not carry but the
/// next turn needs (the topics ruled out, "avoidKeywords"), so "fantasy, not YA" then "standalones only" still leaves
/// young-adult books out. Clients never see this form; the hub and HTTP events carry the contract JSON.
/// </summary>
internal static class StoredIntent
{
    private const string AvoidProperty = "avoidKeywords";

    public static string Write(RecommendationIntent intent)
    {
        var json = JsonSerializer.Serialize(intent, PipelineJsonContext.Default.RecommendationIntent);
        if (intent.AvoidKeywords.Count == 0 || JsonNode.Parse(json) is not JsonObject node)
        {
            return json;
        }

        node[AvoidProperty] = new JsonArray([.. intent.AvoidKeywords.Select(k => (JsonNode?)JsonValue.Create(k))]);
        return node.ToJsonString();
    }

    public static RecommendationIntent? Read(string json)
    {
        var intent = JsonSerializer.Deserialize(json, PipelineJsonContext.Default.RecommendationIntent);
        if (intent is null || !json.Contains(AvoidProperty, StringComparison.Ordinal))
        {
            return intent;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(AvoidProperty, out var avoided) && avoided.ValueKind == JsonValueKind.Array
            ? intent with { AvoidKeywords = [.. avoided.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)] }
            : intent;
    }
}
