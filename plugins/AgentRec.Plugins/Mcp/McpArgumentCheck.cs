using System.Globalization;
using System.Text.Json;
using AgentRec.Core.Contracts;
using AgentRec.Core.Hosting;
using AgentRec.Core.Pipeline;

namespace AgentRec.Plugins.Mcp;

/// <summary>
/// Holds a tool call's arguments to the tool's input schema before the tool runs: required arguments present, no
/// argument the tool does not take, each of the declared JSON type (recursively through objects and arrays), text
/// valid UTF-16 and no longer than a request message (<see cref="RecommendRequest.MaxMessageLength"/>), ids within
/// the id rules. The first problem found is returned as a coded error text; null when the call may run.
/// </summary>
internal static class McpArgumentCheck
{
    private static readonly HashSet<string> IdArguments = new(StringComparer.Ordinal) { "user_id", "item_id" };

    public static string? Check(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                if (name.GetString() is { } n && (arguments is null || !arguments.TryGetValue(n, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return Invalid($"'{n}' is required.");
                }
            }
        }

        if (arguments is null)
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var declared))
            {
                return Invalid($"the tool takes no argument '{LogText.Safe(name, 64)}'.");
            }

            if (CheckValue(declared, value, name) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckValue(JsonElement schema, JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return Allows(schema, "null") || !HasType(schema) ? null : Invalid($"'{path}' must not be null.");
        }

        var kind = value.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => value.TryGetInt32(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "undefined",
        };
        var fits = !HasType(schema) || Allows(schema, kind) || (kind == "integer" && Allows(schema, "number"));
        if (!fits)
        {
            return Invalid($"'{path}' must be {Expected(schema)}.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    return Invalid($"'{path}' holds invalid UTF-16 text (a lone surrogate).");
                }

                if (IdArguments.Contains(path))
                {
                    return RequestIds.Validate(text, path) is { } bad ? ErrorCodes.Format(bad.Code, bad.Message) : null;
                }

                return text.Length > RecommendRequest.MaxMessageLength
                    ? ErrorCodes.Format(ErrorCodes.MessageTooLong, string.Create(CultureInfo.InvariantCulture,
                        $"'{path}' has {text.Length} characters; the limit is {RecommendRequest.MaxMessageLength}."))
                    : null;
            case JsonValueKind.Array:
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (items.ValueKind == JsonValueKind.Object && CheckValue(items, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]")) is { } problem)
                    {
                        return problem;
                    }

                    index++;
                }

                return null;
            case JsonValueKind.Object:
                if (!schema.TryGetProperty("properties", out var nested) || nested.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (!nested.TryGetProperty(property.Name, out var propertySchema))
                    {
                        return Invalid($"'{path}' has no field '{LogText.Safe(property.Name, 64)}'.");
                    }

                    if (CheckValue(propertySchema, property.Value, path + "." + property.Name) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static bool HasType(JsonElement schema) => schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out _);

    private static bool Allows(JsonElement schema, string kind)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => type.ValueEquals(kind),
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueEquals(kind)),
            _ => true,
        };
    }

    private static string Expected(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array
            ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString()))
            : schema.TryGetProperty("type", out var single) ? single.GetString() ?? "a value" : "a value";

    private static string Invalid(string reason) => ErrorCodes.Format(ErrorCodes.InvalidRequest, reason);
}
