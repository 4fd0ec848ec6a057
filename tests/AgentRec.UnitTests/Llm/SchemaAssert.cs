using System.Text.Json;

namespace AgentRec.UnitTests.Llm;

/// <summary>An independent check of a JSON value against the schema subset tool parameters use, for asserting on grammar output.</summary>
internal static class SchemaAssert
{
    public static void Valid(JsonElement schema, JsonElement value, string path = "$")
    {
        if (schema.TryGetProperty("anyOf", out var any))
        {
            var errors = new List<string>();
            foreach (var alternative in any.EnumerateArray())
            {
                try
                {
                    Valid(alternative, value, path);
                    return;
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    errors.Add(ex.Message);
                }
            }

            Assert.Fail($"{path}: matches no alternative: {string.Join("; ", errors)}");
        }

        var types = !schema.TryGetProperty("type", out var t) ? [] : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(e => e.GetString()!).ToArray() : [t.GetString()!];
        if (value.ValueKind == JsonValueKind.Null)
        {
            Assert.True(types.Length == 0 || types.Contains("null"), $"{path}: null where {string.Join("|", types)} is required");
            return;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            Assert.Contains(values.EnumerateArray(), v => v.GetRawText() == value.GetRawText());
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(types.Length == 0 || types.Contains("object"), $"{path}: object where {string.Join("|", types)} is required");
                var properties = schema.GetProperty("properties");
                foreach (var p in value.EnumerateObject())
                {
                    Assert.True(properties.TryGetProperty(p.Name, out var ps), $"{path}: unknown property {p.Name}");
                    Valid(ps, p.Value, path + "." + p.Name);
                }

                if (schema.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray())
                    {
                        Assert.True(value.TryGetProperty(name.GetString()!, out _), $"{path}: required {name} missing");
                    }
                }

                break;
            case JsonValueKind.Array:
                Assert.Contains("array", types);
                foreach (var item in value.EnumerateArray())
                {
                    Valid(schema.GetProperty("items"), item, path + "[]");
                }

                break;
            case JsonValueKind.String:
                Assert.True(types.Length == 0 || types.Contains("string"), $"{path}: string where {string.Join("|", types)} is required");
                break;
            case JsonValueKind.Number:
                Assert.True(types.Contains("number") || (types.Contains("integer") && value.TryGetInt64(out _)), $"{path}: {value} where {string.Join("|", types)} is required");
                break;
            default:
                Assert.Contains("boolean", types);
                break;
        }
    }
}
