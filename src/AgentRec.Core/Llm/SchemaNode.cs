namespace AgentRec.Core.Llm;

/// <summary>The JSON value kinds <see cref="JsonSchemaGrammar"/> constrains to.</summary>
public enum SchemaKind
{
    JsonObject,
    JsonString,
    JsonInteger,
    JsonNumber,
    JsonBoolean,
    JsonArray,
}

/// <summary>One property of an object schema: its name, value schema and whether it is required.</summary>
public sealed record SchemaProperty(string Name, SchemaNode Value, bool Required)
{
    /// <summary>The key as written, with its colon: <c>"name":</c>.</summary>
    public string Key { get; } = "\"" + Name + "\":";
}

/// <summary>
/// A compiled JSON schema node: the subset tool parameters use (object, string with optional enum, integer with
/// optional bounds, number, boolean, array, nullable via a "null" type or anyOf). Anything else is read as a nullable string.
/// </summary>
public sealed class SchemaNode
{
    public const int DefaultMaxLength = 200;
    public const int DefaultMaxItems = 10;
    public const long DefaultIntegerBound = 999_999_999;

    public SchemaKind Kind { get; init; }
    public bool Nullable { get; init; }

    /// <summary>Allowed values, quoted as JSON (string enums, booleans); empty when any string is allowed.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
    public IReadOnlyList<SchemaProperty> Properties { get; init; } = [];
    public SchemaNode? Items { get; init; }
    public int MaxItems { get; init; } = DefaultMaxItems;
    public int MaxLength { get; init; } = DefaultMaxLength;
    public long Minimum { get; init; } = -DefaultIntegerBound;
    public long Maximum { get; init; } = DefaultIntegerBound;

    private string[]? _optionTexts;
    private string[]? _keyTexts;

    /// <summary>Set on the tool-call root's "name" enum: completing it picks the schema of "arguments".</summary>
    internal bool SelectsTool { get; init; }

    /// <summary>Set on the tool-call root: property 1 ("arguments") takes the chosen tool's schema.</summary>
    internal IReadOnlyList<SchemaNode>? ToolArguments { get; init; }

    /// <summary><see cref="Options"/> as an array, for matching a character at a time.</summary>
    internal string[] OptionTexts => _optionTexts ??= [.. Options];

    /// <summary>The keys of <see cref="Properties"/> as written, for matching a character at a time.</summary>
    internal string[] KeyTexts => _keyTexts ??= [.. Properties.Select(p => p.Key)];

    /// <summary>Compiles a JSON schema; unsupported constructs are read as a nullable string.</summary>
    public static SchemaNode FromSchema(JsonElement schema) => Compile(schema, nullable: false);

    /// <summary>The schema of a tool call <c>{"name":…,"arguments":{…}}</c> whose arguments follow the named tool's parameter schema.</summary>
    public static SchemaNode ToolCall(IReadOnlyList<(string Name, JsonElement Parameters)> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count is 0 or > 64)
        {
            throw new ArgumentException("A tool call needs between 1 and 64 tools.", nameof(tools));
        }

        var names = new SchemaNode { Kind = SchemaKind.JsonString, Options = [.. tools.Select(t => JsonSerializer.Serialize(t.Name))], SelectsTool = true };
        var arguments = tools.Select(t => FromSchema(t.Parameters)).ToArray();
        return new SchemaNode
        {
            Kind = SchemaKind.JsonObject,
            Properties = [new SchemaProperty("name", names, true), new SchemaProperty("arguments", arguments[0], true)],
            ToolArguments = arguments,
        };
    }

    /// <summary>Why no JSON value can satisfy <paramref name="schema"/> (an empty range, length, size or enum anywhere in it), or null.</summary>
    public static string? Unsatisfiable(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Array)
        {
            return schema.EnumerateArray().Select(Unsatisfiable).FirstOrDefault(r => r is not null);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var (low, high) in (ReadOnlySpan<(string, string)>)[("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems")])
        {
            if (schema.TryGetProperty(low, out var l) && schema.TryGetProperty(high, out var h) && l.ValueKind == JsonValueKind.Number
                && h.ValueKind == JsonValueKind.Number && l.GetDouble() > h.GetDouble())
            {
                return $"{low} ({l.GetRawText()}) is greater than {high} ({h.GetRawText()})";
            }
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() == 0)
        {
            return "an empty enum";
        }

        return schema.EnumerateObject().Select(p => Unsatisfiable(p.Value)).FirstOrDefault(r => r is not null);
    }

    private static SchemaNode Compile(JsonElement schema, bool nullable)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return new SchemaNode { Kind = SchemaKind.JsonString, Nullable = true };
        }

        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(combinator, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                var nonNull = alternatives.EnumerateArray().Where(a => !IsNullType(a)).ToArray();
                var withNull = nullable || nonNull.Length < alternatives.GetArrayLength();
                return nonNull.Length == 1 ? Compile(nonNull[0], withNull) : new SchemaNode { Kind = SchemaKind.JsonString, Nullable = true };
            }
        }

        string? type = null;
        if (schema.TryGetProperty("type", out var t))
        {
            if (t.ValueKind == JsonValueKind.String)
            {
                type = t.GetString();
            }
            else if (t.ValueKind == JsonValueKind.Array)
            {
                var types = t.EnumerateArray().Select(e => e.GetString()).ToArray();
                nullable |= types.Contains("null");
                var rest = types.Where(x => x != "null").ToArray();
                type = rest.Length == 1 ? rest[0] : null;
            }
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var options = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetRawText()).Take(64).ToArray();
            nullable |= values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null);
            if (options.Length > 0)
            {
                return new SchemaNode { Kind = SchemaKind.JsonString, Nullable = nullable, Options = options };
            }
        }

        type ??= schema.TryGetProperty("properties", out _) ? "object" : null;
        return type switch
        {
            "object" => new SchemaNode { Kind = SchemaKind.JsonObject, Nullable = nullable, Properties = CompileProperties(schema) },
            "string" => new SchemaNode { Kind = SchemaKind.JsonString, Nullable = nullable, MaxLength = (int)Bound(schema, "maxLength", DefaultMaxLength, 1, DefaultMaxLength) },
            "integer" => new SchemaNode
            {
                Kind = SchemaKind.JsonInteger,
                Nullable = nullable,
                Minimum = Bound(schema, "minimum", -DefaultIntegerBound, -DefaultIntegerBound, DefaultIntegerBound),
                Maximum = Bound(schema, "maximum", DefaultIntegerBound, -DefaultIntegerBound, DefaultIntegerBound),
            },
            "number" => new SchemaNode { Kind = SchemaKind.JsonNumber, Nullable = nullable },
            "boolean" => new SchemaNode { Kind = SchemaKind.JsonBoolean, Nullable = nullable, Options = ["true", "false"] },
            "array" => new SchemaNode
            {
                Kind = SchemaKind.JsonArray,
                Nullable = nullable,
                Items = schema.TryGetProperty("items", out var items) ? Compile(items, nullable: false) : new SchemaNode { Kind = SchemaKind.JsonString },
                MaxItems = (int)Bound(schema, "maxItems", DefaultMaxItems, 0, DefaultMaxItems),
            },
            _ => new SchemaNode { Kind = SchemaKind.JsonString, Nullable = true },
        };
    }

    private static SchemaProperty[] CompileProperties(JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        return [.. properties.EnumerateObject()
            .Where(p => !p.Name.Contains('"', StringComparison.Ordinal) && !p.Name.Contains('\\', StringComparison.Ordinal))
            .Take(64)
            .Select(p => new SchemaProperty(p.Name, Compile(p.Value, nullable: false), required.Contains(p.Name)))];
    }

    private static bool IsNullType(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static long Bound(JsonElement schema, string name, long fallback, long min, long max) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? Math.Clamp(n, min, max) : fallback;
}
