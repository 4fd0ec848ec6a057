namespace AgentRec.Core.Evaluation;

/// <summary>
/// Evaluates an <see cref="IIntentParser"/> on a JSONL file of <c>{"query": "...", "intent": {...}}</c> lines:
/// exact match over the contract's slots and accuracy per slot (genres, excludeGenres and similarTo compared as sets).
/// </summary>
public static class IntentEvaluation
{
    /// <summary>The evaluated slots, in the order of the summary line.</summary>
    public static IReadOnlyList<string> Slots { get; } =
        ["action", "genres", "excludeGenres", "yearFrom", "yearTo", "similarTo", "sort", "count"];

    private static readonly JsonSerializerOptions IntentJson = new() { PropertyNameCaseInsensitive = false };

    /// <summary>Reads <paramref name="path"/> and evaluates <paramref name="parser"/> on every example.</summary>
    /// <exception cref="IntentEvaluationInputException">The file is missing or a line is not a valid example.</exception>
    public static async Task<IntentEvaluationResult> RunAsync(IIntentParser parser, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var examples = await ReadExamplesAsync(path, cancellationToken).ConfigureAwait(false);
        return await RunAsync(parser, examples, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Evaluates <paramref name="parser"/> on <paramref name="examples"/>, each parsed without a previous intent.</summary>
    public static async Task<IntentEvaluationResult> RunAsync(
        IIntentParser parser, IReadOnlyList<IntentExample> examples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(examples);
        var correct = new int[Slots.Count];
        var exact = 0;
        var mismatches = new List<IntentMismatch>();
        var outcomes = new List<IntentExampleOutcome>(examples.Count);
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var actual = await parser.ParseAsync(example.Query, null, cancellationToken).ConfigureAwait(false);
            var wrong = new List<string>();
            for (var s = 0; s < Slots.Count; s++)
            {
                var (ok, expected, got) = Compare(Slots[s], example.Intent, actual);
                if (ok)
                {
                    correct[s]++;
                }
                else
                {
                    wrong.Add(Slots[s]);
                    mismatches.Add(new IntentMismatch(example.Line, example.Query, Slots[s], expected, got));
                }
            }

            if (wrong.Count == 0)
            {
                exact++;
            }

            outcomes.Add(new IntentExampleOutcome(example, actual, wrong));
        }

        var n = examples.Count;
        var accuracy = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var s = 0; s < Slots.Count; s++)
        {
            accuracy[Slots[s]] = n == 0 ? 0 : (double)correct[s] / n;
        }

        return new IntentEvaluationResult(n, n == 0 ? 0 : (double)exact / n, accuracy, mismatches, outcomes);
    }

    /// <summary>Reads the examples of a JSONL file; blank lines are skipped.</summary>
    /// <exception cref="IntentEvaluationInputException">The file is missing or a line is not a valid example.</exception>
    public static async Task<IReadOnlyList<IntentExample>> ReadExamplesAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new IntentEvaluationInputException(path, 0, "file not found");
        }

        var examples = new List<IntentExample>();
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            examples.Add(ParseLine(path, lineNumber, line));
        }

        return examples;
    }

    /// <summary>Parses one JSONL line into an example, or throws naming the file and line.</summary>
    public static IntentExample ParseLine(string path, int lineNumber, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new IntentEvaluationInputException(path, lineNumber, "expected a JSON object with \"query\" and \"intent\"");
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
            {
                throw new IntentEvaluationInputException(path, lineNumber, "missing string property \"query\"");
            }

            if (!root.TryGetProperty("intent", out var intentElement) || intentElement.ValueKind != JsonValueKind.Object)
            {
                throw new IntentEvaluationInputException(path, lineNumber, "missing object property \"intent\"");
            }

            var intent = intentElement.Deserialize<RecommendationIntent>(IntentJson)
                ?? throw new IntentEvaluationInputException(path, lineNumber, "\"intent\" is null");
            intent = intent with
            {
                Genres = intent.Genres ?? [],
                ExcludeGenres = intent.ExcludeGenres ?? [],
                SimilarTo = intent.SimilarTo ?? [],
                Keywords = intent.Keywords ?? [],
            };
            if (!IntentActions.All.Contains(intent.Action))
            {
                throw new IntentEvaluationInputException(path, lineNumber, $"unknown action '{intent.Action}'");
            }

            if (!IntentSorts.All.Contains(intent.Sort))
            {
                throw new IntentEvaluationInputException(path, lineNumber, $"unknown sort '{intent.Sort}'");
            }

            return new IntentExample(query.GetString()!, intent, lineNumber);
        }
        catch (JsonException ex)
        {
            throw new IntentEvaluationInputException(path, lineNumber, "malformed JSON: " + ex.Message, ex);
        }
    }

    private static (bool Ok, string Expected, string Actual) Compare(string slot, RecommendationIntent gold, RecommendationIntent actual) =>
        slot switch
        {
            "action" => Scalar(gold.Action, actual.Action),
            "genres" => Set(gold.Genres, actual.Genres),
            "excludeGenres" => Set(gold.ExcludeGenres, actual.ExcludeGenres),
            "yearFrom" => Scalar(Format(gold.YearFrom), Format(actual.YearFrom)),
            "yearTo" => Scalar(Format(gold.YearTo), Format(actual.YearTo)),
            "similarTo" => Set(Ids(gold.SimilarTo), Ids(actual.SimilarTo)),
            "sort" => Scalar(gold.Sort, actual.Sort),
            "count" => Scalar(gold.Count.ToString(CultureInfo.InvariantCulture), actual.Count.ToString(CultureInfo.InvariantCulture)),
            _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "unknown slot"),
        };

    private static (bool, string, string) Scalar(string expected, string actual) =>
        (string.Equals(expected, actual, StringComparison.Ordinal), expected, actual);

    private static (bool, string, string) Set(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var e = new SortedSet<string>(expected, StringComparer.Ordinal);
        var a = new SortedSet<string>(actual, StringComparer.Ordinal);
        return (e.SetEquals(a), "[" + string.Join(", ", e) + "]", "[" + string.Join(", ", a) + "]");
    }

    private static List<string> Ids(IReadOnlyList<TitleReference> titles)
    {
        var ids = new List<string>(titles.Count);
        foreach (var t in titles)
        {
            ids.Add(t.ItemId ?? "?" + t.Title);
        }

        return ids;
    }

    private static string Format(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "null";
}
