using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace AgentRec.Core.Llm;

/// <summary>
/// A decoder-only language model loaded from a folder in the ONNX Runtime GenAI layout (genai_config.json, the ONNX
/// decoder with any external data, tokenizer.json, tokenizer_config.json), run on Microsoft.ML.OnnxRuntime with a
/// key-value cache. Thread-safe: each generation has its own state over the shared session.
/// </summary>
public sealed partial class OnnxGenAIModel : ILocalLlmModel, IDisposable
{
    private const string Runtime = "ONNX Runtime";

    private readonly InferenceSession _session;
    private readonly Lazy<TokenTrie> _trie;
    private readonly Lazy<AllowedTokenCache<IntentJsonGrammar>> _intentAllowed;
    private readonly Lazy<AttentionMasks?> _masks;

    private OnnxGenAIModel(string folder, GenAIConfig config, InferenceSession session, string provider, ILogger logger)
    {
        Folder = folder;
        Config = config;
        _session = session;
        ExecutionProvider = provider;
        Io = DecoderIo.Describe(config, session, Path.Combine(folder, config.DecoderFileName));
        Tokenizer = GenAITokenizer.Load(folder, Io.LogitsWidth > 0 ? Io.LogitsWidth : config.VocabSize);
        ChatTemplate = ChatTemplate.Load(folder);
        BosTokenId = ChatTemplate.AddBosToken && ChatTemplate.BosToken is { } bos ? Tokenizer.TokenToId(bos) : null;
        EosTokenIds = [.. config.EosTokenIds.Where(id => id >= 0)];
        _trie = new Lazy<TokenTrie>(() => new TokenTrie(Tokenizer.TokenTexts()));
        _intentAllowed = new Lazy<AllowedTokenCache<IntentJsonGrammar>>(() => new AllowedTokenCache<IntentJsonGrammar>(Trie));
        _masks = new Lazy<AttentionMasks?>(() => Io.AttentionMask is null ? null : new AttentionMasks(Io.MaskType, Math.Max(1, config.ContextLength)));
        var name = Name;
        LlmModelLog.Loaded(logger, name, config.ModelType, Runtime, folder, provider, Io.Layers, Io.LogitsWidth, config.ContextLength);
    }

    /// <summary>The model folder.</summary>
    public string Folder { get; }

    /// <summary>The folder's name, used as the model id.</summary>
    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Folder));

    public GenAIConfig Config { get; }
    public GenAITokenizer Tokenizer { get; }
    public ChatTemplate ChatTemplate { get; }

    /// <summary>"cuda" or "cpu": where the decoder actually runs.</summary>
    public string ExecutionProvider { get; }

    /// <inheritdoc />
    public string Engine => LlmEngines.Native;

    /// <summary>The id put before every prompt (tokenizer_config.json <c>add_bos_token</c>), or null.</summary>
    public int? BosTokenId { get; }

    /// <summary>Ids that end generation (genai_config.json <c>eos_token_id</c>, a number or a list).</summary>
    public IReadOnlyList<int> EosTokenIds { get; }

    internal DecoderIo Io { get; }

    internal InferenceSession Session => _session;

    internal TokenTrie Trie => _trie.Value;

    /// <summary>The tokens each state of the intent grammar allows, shared by this model's generations.</summary>
    internal AllowedTokenCache<IntentJsonGrammar> IntentAllowed => _intentAllowed.Value;

    /// <summary>
    /// Loads the model folder. <paramref name="executionProvider"/> "cuda" tries the CUDA provider and falls back to
    /// the CPU with a warning when the native provider is missing; "auto" tries it when the linked runtime has it. A missing or corrupt file is an <see cref="LlmModelException"/> naming it.
    /// </summary>
    public static OnnxGenAIModel Load(string folder, string executionProvider = "cpu", ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var (_, config, modelPath, _) = LlmModelFolder.Open(folder);
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (config.IntraOpThreads > 0)
        {
            options.IntraOpNumThreads = config.IntraOpThreads;
        }

        var provider = "cpu";
        if (ExecutionProviders.ShouldTryCuda(executionProvider))
        {
            try
            {
                options.AppendExecutionProvider_CUDA(0);
                provider = "cuda";
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                var reason = ex.Message;
                LlmModelLog.CudaUnavailable(logger, executionProvider, Runtime, reason);
            }
        }

        var (version, available) = ExecutionProviders.Describe();
        LogProviders(logger, version, available, executionProvider, provider);

        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException ex)
        {
            options.Dispose();
            throw new LlmModelException(modelPath, $"ONNX Runtime could not load '{modelPath}' (a corrupt file, or missing external data such as '{config.DecoderFileName}.data'): {ex.Message}", ex);
        }

        try
        {
            return new OnnxGenAIModel(folder, config, session, provider, logger);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Prompt ids for <paramref name="text"/>: the tokenizer's ids, after the bos token when the tokenizer adds one.</summary>
    public int[] EncodePrompt(string text)
    {
        var ids = Tokenizer.Encode(text);
        if (BosTokenId is { } bos && (ids.Length == 0 || ids[0] != bos))
        {
            return [bos, .. ids];
        }

        return ids;
    }

    /// <summary>Streams the continuation of <paramref name="prompt"/> as text pieces (one per token, except while a stop sequence may be forming).</summary>
    public async IAsyncEnumerable<string> GenerateAsync(string prompt, GenerationSettings? settings = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        await Task.Yield();
        using var generation = StartGeneration(EncodePrompt(prompt), settings ?? new GenerationSettings(), cancellationToken);
        foreach (var text in generation.Pieces())
        {
            yield return text;
        }
    }

    /// <summary>A generation over prompt ids; call <see cref="Generation.Next"/> until null, then <see cref="Generation.Finish"/>.</summary>
    internal Generation StartGeneration(int[] promptIds, GenerationSettings settings, CancellationToken cancellationToken) =>
        new(this, promptIds, settings, cancellationToken);

    /// <summary>Generates synchronously and returns the new token ids (tests and benchmarks).</summary>
    internal IReadOnlyList<int> GenerateTokens(int[] promptIds, GenerationSettings settings, CancellationToken cancellationToken = default)
    {
        using var generation = StartGeneration(promptIds, settings, cancellationToken);
        while (generation.Next() is not null)
        {
        }

        generation.Finish();
        return generation.Tokens;
    }

    /// <inheritdoc />
    /// <summary>The shared all-ones attention masks up to the context length, or null when the decoder takes no mask.</summary>
    internal AttentionMasks? AttentionMasks => _masks.Value;

    public void Dispose()
    {
        if (_masks.IsValueCreated)
        {
            _masks.Value?.Dispose();
        }

        _session.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX Runtime {Version}, execution providers built in: {Available}; Llm:ExecutionProvider {Requested} chose {Provider}")]
    private static partial void LogProviders(ILogger logger, string version, string available, string requested, string provider);
}
