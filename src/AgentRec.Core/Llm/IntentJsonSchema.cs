using System.Text.Json.Nodes;

namespace AgentRec.Core.Llm;

/// <summary>
/// The intent contract as a JSON schema for ONNX Runtime GenAI guidance: the same closed sets and bounds as
/// <see cref="IntentJsonGrammar"/> (keys in contract order, all required, nothing else, compact whitespace).
/// </summary>
public static class IntentJsonSchema
{
    /// <summary>The schema text.</summary>
    public static string Text { get; } = Build().ToJsonString();

    private static JsonObject Build()
    {
        static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        JsonObject GenreArray() => new()
        {
            ["type"] = "array",
            ["items"] = new JsonObject { ["enum"] = Strings(IntentGenres.All) },
            ["maxItems"] = IntentJsonGrammar.MaxGenres,
        };
        JsonObject Year() => new()
        {
            ["type"] = new JsonArray("integer", "null"),
            ["minimum"] = IntentJsonGrammar.MinYear,
            ["maximum"] = IntentJsonGrammar.MaxYear,
        };
        var properties = new JsonObject
        {
            ["action"] = new JsonObject { ["enum"] = Strings(IntentActions.All) },
            ["domain"] = new JsonObject { ["enum"] = Strings(IntentDomains.All) },
            ["genres"] = GenreArray(),
            ["excludeGenres"] = GenreArray(),
            ["yearFrom"] = Year(),
            ["yearTo"] = Year(),
            ["similarTo"] = new JsonObject
            {
                ["type"] = "array",
                ["maxItems"] = IntentJsonGrammar.MaxStrings,
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["title"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = IntentJsonGrammar.MaxTitleLength },
                        ["itemId"] = new JsonObject { ["type"] = "null" },
                    },
                    ["required"] = new JsonArray("title", "itemId"),
                    ["additionalProperties"] = false,
                },
            },
            ["keywords"] = new JsonObject
            {
                ["type"] = "array",
                ["maxItems"] = IntentJsonGrammar.MaxStrings,
                ["items"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = IntentJsonGrammar.MaxStringLength },
            },
            ["sort"] = new JsonObject { ["enum"] = Strings(IntentSorts.All) },
            ["count"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = RecommendationIntent.MaxCount },
        };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = Strings(properties.Select(p => p.Key).ToArray()),
            ["additionalProperties"] = false,
            ["x-guidance"] = new JsonObject { ["whitespace_flexible"] = false },
        };
    }
}
