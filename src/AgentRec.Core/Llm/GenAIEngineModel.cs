using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntimeGenAI;
using GenAI = Microsoft.ML.OnnxRuntimeGenAI;

namespace AgentRec.Core.Llm;

/// <summary>
/// A model folder in the ONNX Runtime GenAI layout run by the ONNX Runtime GenAI library itself (Microsoft.ML.OnnxRuntimeGenAI):
/// its Model, Tokenizer and Generator, with guidance (llguidance) for constrained output. The folder is checked the way
/// <see cref="OnnxGenAIModel"/> checks it, so a missing file is an <see cref="LlmModelException"/> naming it, and prompts
/// are rendered with the same chat template, so both engines see the same ids. Thread-safe: each generation has its own Generator.
/// </summary>
public sealed partial class GenAIEngineModel : ILocalLlmModel, IDisposable
{
    private static readonly Lazy<OgaHandle> Library = new(() =>
    {
        // The library must be shut down before the process exits; the handle does that when disposed.
        var handle = new OgaHandle();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => handle.Dispose();
        return handle;
    });

    private const string Runtime = "ONNX Runtime GenAI";

    private readonly GenAI.Config _config;
    private readonly Model _model;
    private readonly Tokenizer _tokenizer;
    private readonly GenAITokenizer? _limitedTokenizer;

    private GenAIEngineModel(string folder, GenAIConfig config, GenAI.Config nativeConfig, Model model, string provider, GenAITokenizer? limited)
    {
        Folder = folder;
        Config = config;
        _config = nativeConfig;
        _model = model;
        ExecutionProvider = provider;
        _tokenizer = new Tokenizer(model);
        _limitedTokenizer = limited;
        ChatTemplate = ChatTemplate.Load(folder);
        BosTokenId = ChatTemplate.AddBosToken && ChatTemplate.BosToken is { } bos ? TokenId(bos) : null;
        var eos = new HashSet<int>(config.EosTokenIds.Where(id => id >= 0));
        foreach (var id in _tokenizer.GetEosTokenIds())
        {
            eos.Add(id);
        }

        EosTokenIds = [.. eos];
    }

    /// <inheritdoc />
    public string Folder { get; }

    /// <inheritdoc />
    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder));

    /// <inheritdoc />
    public string ExecutionProvider { get; }

    /// <inheritdoc />
    public string Engine => LlmEngines.GenAI;

    /// <summary>The folder's genai_config.json as the project reads it (context length, vocabulary, search defaults).</summary>
    public GenAIConfig Config { get; }

    public ChatTemplate ChatTemplate { get; }

    /// <summary>The id put before every prompt (tokenizer_config.json <c>add_bos_token</c>), or null.</summary>
    public int? BosTokenId { get; }

    /// <summary>Ids that end generation: genai_config.json's and the tokenizer's.</summary>
    public IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>
    /// True when the folder's tokenizer knows ids the model cannot embed (the tiny gpt2 test model: a 50k-token
    /// tokenizer over a 1,000-token model); prompts are then encoded with the project's tokenizer cut to the model's vocabulary.
    /// </summary>
    public bool PromptTokenizerLimited => _limitedTokenizer is not null;

    internal Model Native => _model;

    internal Tokenizer NativeTokenizer => _tokenizer;

    /// <summary>
    /// Loads the model folder with ONNX Runtime GenAI. <paramref name="executionProvider"/> as for <see cref="OnnxGenAIModel.Load"/>;
    /// a CUDA provider the library cannot load falls back to the CPU with a warning. A missing or corrupt file is an
    /// <see cref="LlmModelException"/> naming it.
    /// </summary>
    public static GenAIEngineModel Load(string folder, string executionProvider = "cpu", ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var (_, config, modelPath, tokenizerPath) = LlmModelFolder.Open(folder);
        _ = Library.Value;
        var provider = "cpu";
        (GenAI.Config Config, Model Model)? loaded = null;
        if (ExecutionProviders.ShouldTryCuda(executionProvider))
        {
            try
            {
                loaded = Open(folder, modelPath, "cuda");
                provider = "cuda";
            }
            catch (LlmModelException ex)
            {
                var reason = ex.InnerException?.Message ?? ex.Message;
                LlmModelLog.CudaUnavailable(logger, executionProvider, Runtime, reason);
            }
        }

        var (nativeConfig, model) = loaded ?? Open(folder, modelPath, null);
        try
        {
            var limited = TokenizerExceedsModel(tokenizerPath, config.VocabSize) ? GenAITokenizer.Load(folder, config.VocabSize) : null;
            if (limited is not null)
            {
                LogPromptTokenizerLimited(logger, folder, config.VocabSize);
            }

            var result = new GenAIEngineModel(folder, config, nativeConfig, model, provider, limited);
            var name = result.Name;
            LlmModelLog.Loaded(logger, name, config.ModelType, Runtime, folder, provider, config.NumHiddenLayers, config.VocabSize, config.ContextLength);
            return result;
        }
        catch
        {
            model.Dispose();
            nativeConfig.Dispose();
            throw;
        }
    }

    private static (GenAI.Config, Model) Open(string folder, string modelPath, string? provider)
    {
        GenAI.Config? nativeConfig = null;
        try
        {
            nativeConfig = new GenAI.Config(folder);
            nativeConfig.ClearProviders();
            if (provider is not null)
            {
                nativeConfig.AppendProvider(provider);
            }

            return (nativeConfig, new Model(nativeConfig));
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            nativeConfig?.Dispose();
            throw new LlmModelException(modelPath, $"ONNX Runtime GenAI could not load '{folder}' (a corrupt or missing file, such as '{Path.GetFileName(modelPath)}.data', or a provider it cannot use): {ex.Message}", ex);
        }
    }

    // The largest id in tokenizer.json (vocabulary and added tokens) against the model's vocabulary size.
    private static bool TokenizerExceedsModel(string tokenizerPath, int vocabSize)
    {
        if (vocabSize <= 0)
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerPath));
            var root = doc.RootElement;
            if (root.TryGetProperty("model", out var model) && model.TryGetProperty("vocab", out var vocab) && vocab.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in vocab.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.Number && entry.Value.GetInt32() >= vocabSize)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
        catch (JsonException ex)
        {
            throw new LlmModelException(tokenizerPath, $"'{tokenizerPath}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Prompt ids for <paramref name="text"/>: the tokenizer's ids, after the bos token when the tokenizer adds one.</summary>
    public int[] EncodePrompt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int[] ids;
        if (_limitedTokenizer is not null)
        {
            ids = _limitedTokenizer.Encode(text);
        }
        else
        {
            using var sequences = _tokenizer.Encode(text);
            ids = sequences[0].ToArray();
        }

        if (BosTokenId is { } bos && (ids.Length == 0 || ids[0] != bos))
        {
            return [bos, .. ids];
        }

        return ids;
    }

    /// <summary>The text of <paramref name="ids"/>.</summary>
    public string Decode(ReadOnlySpan<int> ids) => _tokenizer.Decode(ids);

    private int? TokenId(string token)
    {
        using var sequences = _tokenizer.Encode(token);
        var ids = sequences[0];
        return ids.Length == 1 ? ids[0] : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tokenizer.Dispose();
        _model.Dispose();
        _config.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tokenizer in {Folder} has ids beyond the model's vocabulary of {Vocab}; prompts are encoded without them")]
    private static partial void LogPromptTokenizerLimited(ILogger logger, string folder, int vocab);
}
