namespace AgentRec.Core.Llm;

/// <summary>
/// The parts of an ONNX Runtime GenAI <c>genai_config.json</c> this engine uses: model shape, the decoder's input and
/// output names (with <c>%d</c> layer patterns for the key-value cache), special token ids and search defaults.
/// </summary>
public sealed record GenAIConfig
{
    /// <summary>The file name inside a model folder.</summary>
    public const string FileName = "genai_config.json";

    public required string ModelType { get; init; }
    public required int ContextLength { get; init; }
    public int VocabSize { get; init; }
    public int BosTokenId { get; init; } = -1;
    public int PadTokenId { get; init; } = -1;
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];

    /// <summary>The decoder ONNX file, relative to the folder.</summary>
    public required string DecoderFileName { get; init; }
    public int NumHiddenLayers { get; init; }
    public int NumKeyValueHeads { get; init; }
    public int HeadSize { get; init; }
    public int IntraOpThreads { get; init; }

    public string InputIdsName { get; init; } = "input_ids";
    public string AttentionMaskName { get; init; } = "attention_mask";
    public string PositionIdsName { get; init; } = "position_ids";
    public string LogitsName { get; init; } = "logits";

    /// <summary>One combined key/value tensor per layer (GPT-2 style <c>past_%d</c>), or null when keys and values are separate.</summary>
    public string? PastNames { get; init; }
    public string? PresentNames { get; init; }
    public string PastKeyNames { get; init; } = "past_key_values.%d.key";
    public string PastValueNames { get; init; } = "past_key_values.%d.value";
    public string PresentKeyNames { get; init; } = "present.%d.key";
    public string PresentValueNames { get; init; } = "present.%d.value";

    /// <summary>The <c>search</c> section: defaults for every generation.</summary>
    public SearchDefaults Search { get; init; } = new();

    /// <summary>Reads <c>genai_config.json</c> from <paramref name="folder"/>; a missing or corrupt file is an <see cref="LlmModelException"/> naming it.</summary>
    public static GenAIConfig Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new LlmModelException(folder, $"LLM model folder '{folder}' does not exist (set Llm:ModelPath to a folder holding {FileName}).");
        }

        var path = ModelFolderJson.Require(folder, FileName);
        return ModelFolderJson.Parse(path, root => Parse(root, path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
    }

    private static GenAIConfig Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new LlmModelException(path, $"'{path}' has no \"model\" object.");
        }

        if (!model.TryGetProperty("decoder", out var decoder) || decoder.ValueKind != JsonValueKind.Object)
        {
            throw new LlmModelException(path, $"'{path}' has no \"model.decoder\" object.");
        }

        var fileName = String(decoder, "filename") ?? throw new LlmModelException(path, $"'{path}' has no \"model.decoder.filename\".");
        var inputs = decoder.TryGetProperty("inputs", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        var outputs = decoder.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        var defaults = new GenAIConfig { ModelType = "", ContextLength = 0, DecoderFileName = "" };
        var contextLength = Int(model, "context_length") ?? 0;
        if (contextLength <= 0)
        {
            throw new LlmModelException(path, $"'{path}' has no positive \"model.context_length\".");
        }

        var threads = 0;
        if (decoder.TryGetProperty("session_options", out var so) && so.ValueKind == JsonValueKind.Object)
        {
            threads = Int(so, "intra_op_num_threads") ?? 0;
        }

        return new GenAIConfig
        {
            ModelType = String(model, "type") ?? "unknown",
            ContextLength = contextLength,
            VocabSize = Int(model, "vocab_size") ?? 0,
            BosTokenId = Int(model, "bos_token_id") ?? -1,
            PadTokenId = Int(model, "pad_token_id") ?? -1,
            EosTokenIds = Ids(model, "eos_token_id"),
            DecoderFileName = fileName,
            NumHiddenLayers = Int(decoder, "num_hidden_layers") ?? 0,
            NumKeyValueHeads = Int(decoder, "num_key_value_heads") ?? Int(decoder, "num_attention_heads") ?? 0,
            HeadSize = Int(decoder, "head_size") ?? 0,
            IntraOpThreads = threads,
            InputIdsName = String(inputs, "input_ids") ?? defaults.InputIdsName,
            AttentionMaskName = String(inputs, "attention_mask") ?? defaults.AttentionMaskName,
            PositionIdsName = String(inputs, "position_ids") ?? defaults.PositionIdsName,
            PastNames = String(inputs, "past_names"),
            PastKeyNames = String(inputs, "past_key_names") ?? defaults.PastKeyNames,
            PastValueNames = String(inputs, "past_value_names") ?? defaults.PastValueNames,
            LogitsName = String(outputs, "logits") ?? defaults.LogitsName,
            PresentNames = String(outputs, "present_names"),
            PresentKeyNames = String(outputs, "present_key_names") ?? defaults.PresentKeyNames,
            PresentValueNames = String(outputs, "present_value_names") ?? defaults.PresentValueNames,
            Search = root.TryGetProperty("search", out var search) && search.ValueKind == JsonValueKind.Object
                ? SearchDefaults.Parse(search)
                : new SearchDefaults(),
        };
    }

    private static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static int? Int(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    internal static double? Double(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    internal static bool? Bool(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int[] Ids(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => [v.GetInt32()],
            JsonValueKind.Array => [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32())],
            _ => [],
        };
    }
}

/// <summary>The <c>search</c> section of genai_config.json: generation defaults a request may override.</summary>
public sealed record SearchDefaults
{
    public int? MaxLength { get; init; }
    public bool DoSample { get; init; }
    public int TopK { get; init; } = 50;
    public float TopP { get; init; } = 1f;
    public float Temperature { get; init; } = 1f;
    public float RepetitionPenalty { get; init; } = 1f;

    internal static SearchDefaults Parse(JsonElement search)
    {
        var d = new SearchDefaults();
        return new SearchDefaults
        {
            MaxLength = GenAIConfig.Int(search, "max_length"),
            DoSample = GenAIConfig.Bool(search, "do_sample") ?? d.DoSample,
            TopK = GenAIConfig.Int(search, "top_k") ?? d.TopK,
            TopP = (float)(GenAIConfig.Double(search, "top_p") ?? d.TopP),
            Temperature = (float)(GenAIConfig.Double(search, "temperature") ?? d.Temperature),
            RepetitionPenalty = (float)(GenAIConfig.Double(search, "repetition_penalty") ?? d.RepetitionPenalty),
        };
    }
}
