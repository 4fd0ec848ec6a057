namespace AgentRec.Core.Evaluation.Answers;

/// <summary>A case file that cannot be read; the message names the file and line.</summary>
public sealed class AnswerEvaluationInputException(string message) : Exception(message);

/// <summary>Reads answer cases from JSONL (one case per line; blank lines skipped).</summary>
public static class AnswerCaseReader
{
    /// <summary>The count a case asks for when it says none (the intent contract's default).</summary>
    public const int DefaultCount = 10;

    /// <summary>Reads every case of <paramref name="path"/>.</summary>
    /// <exception cref="AnswerEvaluationInputException">The file is missing, or a line is not a valid case.</exception>
    public static async Task<IReadOnlyList<AnswerCase>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new AnswerEvaluationInputException($"{path}: no such file.");
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        var name = Path.GetFileName(path);
        var cases = new List<AnswerCase>(lines.Length);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var parsed = Parse(lines[i], name, i + 1);
            if (!ids.Add(parsed.Id))
            {
                throw new AnswerEvaluationInputException($"{name} line {i + 1}: id '{parsed.Id}' is used by an earlier line.");
            }

            cases.Add(parsed);
        }

        return cases.Count > 0 ? cases : throw new AnswerEvaluationInputException($"{name}: no cases.");
    }

    /// <summary>Reads one line; <paramref name="file"/> and <paramref name="line"/> name it in errors.</summary>
    /// <exception cref="AnswerEvaluationInputException">The line is not a valid case.</exception>
    public static AnswerCase Parse(string text, string file, int line)
    {
        var where = $"{file} line {line}";
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a case must be a JSON object");
            }

            var id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String && idValue.GetString() is { Length: > 0 } s
                ? s
                : throw new FormatException("'id' must be a non-empty string");
            var turns = ReadTurns(root);
            var relevant = root.TryGetProperty("relevant", out var r)
                ? AnswerPredicate.Parse(r, "relevant")
                : throw new FormatException("'relevant' is missing");
            var floor = root.TryGetProperty("floor", out var f) && f.ValueKind != JsonValueKind.Null ? AnswerPredicate.Parse(f, "floor") : null;
            var cap = root.TryGetProperty("cap", out var c) && c.ValueKind != JsonValueKind.Null ? ReadCap(c) : null;
            var minItems = OptionalInteger(root, "minItems", 1, 0);
            var count = OptionalInteger(root, "count", DefaultCount, 1);
            JudgedDomain? domain = root.TryGetProperty("domain", out var d) && d.ValueKind != JsonValueKind.Null
                ? d.GetString() switch
                {
                    "movie" => JudgedDomain.Movie,
                    "book" => JudgedDomain.Book,
                    "any" => null,
                    var other => throw new FormatException($"'domain' must be movie, book or any, not '{other}'"),
                }
                : null;
            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return new AnswerCase(line, id, turns, relevant, floor, cap, minItems, count, domain, kind);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new AnswerEvaluationInputException($"{where}: {ex.Message}");
        }
    }

    private static List<string> ReadTurns(JsonElement root)
    {
        if (!root.TryGetProperty("turns", out var turns) || turns.ValueKind != JsonValueKind.Array || turns.GetArrayLength() == 0)
        {
            throw new FormatException("'turns' must be a non-empty array of messages");
        }

        var list = new List<string>(turns.GetArrayLength());
        foreach (var turn in turns.EnumerateArray())
        {
            list.Add(turn.ValueKind == JsonValueKind.String && turn.GetString() is { } t && !string.IsNullOrWhiteSpace(t)
                ? t
                : throw new FormatException("every turn must be a non-empty string"));
        }

        return list;
    }

    private static AnswerCap ReadCap(JsonElement cap)
    {
        if (cap.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("'cap' must be an object {\"max\": N, \"match\": {...}}");
        }

        foreach (var property in cap.EnumerateObject())
        {
            if (property.Name is not ("max" or "match"))
            {
                throw new FormatException($"cap: unknown key '{property.Name}' (known: max, match)");
            }
        }

        var max = OptionalInteger(cap, "max", -1, 0);
        return max >= 0 && cap.TryGetProperty("match", out var match)
            ? new AnswerCap(max, AnswerPredicate.Parse(match, "cap.match"))
            : throw new FormatException("'cap' needs both 'max' and 'match'");
    }

    private static int OptionalInteger(JsonElement root, string name, int fallback, int minimum)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= minimum
            ? n
            : throw new FormatException($"'{name}' must be an integer of at least {minimum}");
    }
}
