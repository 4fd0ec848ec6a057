namespace AgentRec.Core.Llm;

/// <summary>
/// A decode loop whose every token is constrained by a <see cref="JsonSchemaGrammar"/>: only tokens whose whole text
/// the grammar accepts keep their logits, so the result is always schema-valid JSON; at the token budget the grammar's
/// shortest completion closes it.
/// Most steps check only the sampled token against the grammar; the full mask is built only when a few draws in a row are rejected. Used for tool calls; the free-text and intent loops stay in <see cref="Generation"/>.
/// </summary>
internal sealed class SchemaConstrainedGeneration : IDisposable
{
    private const int QuickAttempts = 8;

    private readonly OnnxGenAIModel _model;
    private readonly DecoderRunner _runner;
    private readonly LogitsSampler _sampler;
    private readonly float _repetitionPenalty;
    private readonly List<int> _seen = [];
    private readonly HashSet<int> _isSeen = [];
    private readonly List<int> _allowed = [];
    private readonly float[] _allowedLogits;
    private readonly int[] _next = new int[1];
    private readonly int _maxNewTokens;
    private readonly CancellationToken _cancellationToken;
    private int[]? _prompt;
    private JsonSchemaGrammar _grammar;

    public SchemaConstrainedGeneration(OnnxGenAIModel model, int[] promptIds, SchemaNode schema, GenerationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentNullException.ThrowIfNull(schema);
        var config = model.Config;
        var room = config.ContextLength - promptIds.Length;
        if (promptIds.Length == 0 || room <= 0)
        {
            throw new ArgumentException($"The prompt has {promptIds.Length} tokens; the model's context is {config.ContextLength}.", nameof(promptIds));
        }

        _model = model;
        var search = ResolvedSearch.Picking(settings, config.Search, Math.Clamp(settings.MaxNewTokens ?? 256, 1, room));
        _maxNewTokens = search.MaxNewTokens;
        _runner = new DecoderRunner(model, promptIds.Length + _maxNewTokens, settings.UseKvCache, cancellationToken);
        var width = Math.Max(model.Tokenizer.VocabSize, model.Io.LogitsWidth);
        _sampler = search.Sampler(width);
        _repetitionPenalty = search.RepetitionPenalty;
        _allowedLogits = new float[width];
        _cancellationToken = cancellationToken;
        _prompt = promptIds;
        _grammar = new JsonSchemaGrammar(schema);
        PromptTokens = promptIds.Length;
    }

    public int PromptTokens { get; }

    /// <summary>Time spent inside ONNX Runtime's Run so far (the rest of the loop is grammar masking and sampling).</summary>
    public TimeSpan ModelRunTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, _runner.RunTicks);

    public int OutputTokens { get; private set; }

    /// <summary>True when the budget ran out and the grammar's completion closed the text.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The tool a tool-call schema's "name" chose, or -1.</summary>
    public int Tool => _grammar.Tool;

    /// <summary>Runs to the end of the JSON value and returns its text.</summary>
    public string Run()
    {
        var texts = _model.Tokenizer.TokenTexts();
        var sb = new System.Text.StringBuilder();
        while (!_grammar.IsComplete)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (OutputTokens >= _maxNewTokens || !Step(texts, sb))
            {
                var closing = _grammar.Complete();
                _grammar.TryFeed(closing);
                sb.Append(closing);
                Truncated = true;
                break;
            }
        }

        return sb.ToString();
    }

    public void Dispose() => _runner.Dispose();

    private bool Step(IReadOnlyList<string?> texts, System.Text.StringBuilder sb)
    {
        _runner.Run(_prompt ?? _next);
        var logits = _runner.Logits();
        _prompt = null;
        LogitsSampler.ApplyRepetitionPenalty(logits, _seen, _repetitionPenalty);

        // Sample first and check only the sampled token: a rejected one is masked and the draw repeated. Greedy picks
        // the same token as a full mask would, and sampling draws from the same masked distribution (up to top-k/top-p
        // being applied before the mask), while most steps skip the walk over the whole vocabulary.
        for (var attempt = 0; attempt < QuickAttempts; attempt++)
        {
            var candidate = _sampler.Sample(logits);
            if (!float.IsFinite(logits[candidate]))
            {
                break;
            }

            var candidateText = (uint)candidate < (uint)texts.Count ? texts[candidate] : null;
            if (candidateText is not null && _grammar.TryFeed(candidateText))
            {
                return Accept(candidate, candidateText, sb);
            }

            logits[candidate] = float.NegativeInfinity;
        }

        if (!_model.Trie.MaskLogits(_grammar, logits, _allowed, _allowedLogits))
        {
            return false;
        }

        var token = _sampler.Sample(logits);
        var text = (uint)token < (uint)texts.Count ? texts[token] : null;
        if (text is null || !_grammar.TryFeed(text))
        {
            return false;
        }

        return Accept(token, text, sb);
    }

    private bool Accept(int token, string text, System.Text.StringBuilder sb)
    {
        sb.Append(text);
        OutputTokens++;
        _next[0] = token;
        if (_isSeen.Add(token))
        {
            _seen.Add(token);
        }

        return true;
    }
}
