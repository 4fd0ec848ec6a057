using System.Text.Json.Nodes;

namespace AgentRec.Core.Pipeline;

/// <summary>
/// The intent as a conversation's state keeps it: the contract JSON, plus what the contract does not carry but the
/// next turn needs (the topics ruled out, "avoidKeywords"; the titles left out or seen, "leaveOut"), so "fantasy, not
/// YA" then "standalones only" still leaves young-adult books out, and "heist movies", "seen ocean's eleven", "top 3
/// then" leaves Ocean's Eleven out. Clients never see this form; the hub and HTTP events carry the contract JSON.
/// </summary>
internal static class StoredIntent
{
    private const string AvoidProperty = "avoidKeywords";
    private const string LeaveOutProperty = "leaveOut";

    public static string Write(RecommendationIntent intent)
    {
        var json = JsonSerializer.Serialize(intent, PipelineJsonContext.Default.RecommendationIntent);
        if ((intent.AvoidKeywords.Count == 0 && intent.LeaveOut.Count == 0) || JsonNode.Parse(json) is not JsonObject node)
        {
            return json;
        }

        if (intent.AvoidKeywords.Count > 0)
        {
            node[AvoidProperty] = Strings(intent.AvoidKeywords);
        }

        if (intent.LeaveOut.Count > 0)
        {
            node[LeaveOutProperty] = Strings(intent.LeaveOut);
        }

        return node.ToJsonString();

        static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(k => (JsonNode?)JsonValue.Create(k))]);
    }

    public static RecommendationIntent? Read(string json)
    {
        var intent = JsonSerializer.Deserialize(json, PipelineJsonContext.Default.RecommendationIntent);
        if (intent is null || !(json.Contains(AvoidProperty, StringComparison.Ordinal) || json.Contains(LeaveOutProperty, StringComparison.Ordinal)))
        {
            return intent;
        }

        using var document = JsonDocument.Parse(json);
        return intent with
        {
            AvoidKeywords = Strings(document.RootElement, AvoidProperty) ?? intent.AvoidKeywords,
            LeaveOut = Strings(document.RootElement, LeaveOutProperty) ?? intent.LeaveOut,
        };

        static List<string>? Strings(JsonElement root, string property) =>
            root.TryGetProperty(property, out var values) && values.ValueKind == JsonValueKind.Array
                ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
                : null;
    }
}
