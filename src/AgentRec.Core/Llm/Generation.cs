namespace AgentRec.Core.Llm;

/// <summary>
/// One generation's decode loop, a token per <see cref="Next"/>: run the decoder, apply the repetition penalty and
/// the grammar mask, pick a token, decode its text incrementally (UTF-8 across tokens), hold back text that may be
/// the start of a stop sequence. Stops on eos, a stop sequence, the token budget, or a completed grammar; at the
/// budget, a constrained generation is closed with the grammar's shortest completion.
/// </summary>
internal sealed class Generation : ITextGeneration
{
    private readonly OnnxGenAIModel _model;
    private readonly DecoderRunner _runner;
    private readonly LogitsSampler _sampler;
    private readonly float _repetitionPenalty;
    private readonly List<int> _seen = [];
    private readonly bool[] _isSeen;
    private readonly int _maxNewTokens;
    private readonly IReadOnlyList<string> _stops;
    private readonly int _holdBack;
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly char[] _chars = new char[64];
    private readonly StringBuilder _pending = new();
    private readonly float[] _allowedLogits;
    private readonly int[] _next = new int[1];
    private readonly CancellationToken _cancellationToken;
    private readonly bool _constrained;
    private IntentJsonGrammar _grammar;
    private int[]? _prompt;
    private bool _finished;
    private long _penaltyTicks;
    private long _maskTicks;
    private long _sampleTicks;
    private long _textTicks;

    public Generation(OnnxGenAIModel model, int[] promptIds, GenerationSettings settings, CancellationToken cancellationToken)
    {
        var search = ResolvedSearch.For(model.Config, promptIds, settings);
        _maxNewTokens = search.MaxNewTokens;
        _model = model;
        _cancellationToken = cancellationToken;
        _prompt = promptIds;
        PromptTokens = promptIds.Length;
        _runner = new DecoderRunner(model, promptIds.Length + _maxNewTokens, settings.UseKvCache, cancellationToken);
        var vocab = model.Tokenizer.VocabSize;
        _sampler = search.Sampler(Math.Max(vocab, model.Io.LogitsWidth));
        _repetitionPenalty = search.RepetitionPenalty;
        _isSeen = new bool[Math.Max(vocab, model.Io.LogitsWidth)];
        foreach (var id in promptIds)
        {
            MarkSeen(id);
        }

        _stops = [.. settings.StopSequences.Where(s => s.Length > 0)];
        _holdBack = _stops.Count == 0 ? 0 : _stops.Max(s => s.Length) - 1;
        _constrained = settings.ConstrainToIntentJson;
        _allowedLogits = _constrained ? new float[Math.Max(vocab, model.Tokenizer.TokenTexts().Count)] : [];
    }

    /// <summary>The new tokens so far.</summary>
    public List<int> Tokens { get; } = [];

    /// <summary>Why the generation ended; null while it runs.</summary>
    public GenerationStopReason? StopReason { get; private set; }

    /// <summary>Time spent inside ONNX Runtime's Run so far.</summary>
    public TimeSpan ModelRunTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, _runner.RunTicks);

    /// <summary>Where the loop's own time went so far (outside Run), by part.</summary>
    public DecodeLoopTicks LoopTicks => new(_runner.PrepareTicks, _runner.CollectTicks, _penaltyTicks, _maskTicks, _sampleTicks, _textTicks);

    /// <summary>Decoder runs so far (the prompt pass, then one per token).</summary>
    public int ModelRuns => _runner.Runs;

    /// <summary>The prompt's length in tokens.</summary>
    public int PromptTokens { get; }

    /// <summary>How many new tokens so far.</summary>
    public int OutputTokens => Tokens.Count;

    /// <summary>Generates one token and returns the text that is now safe to emit (possibly empty), or null when generation has ended.</summary>
    public string? Next()
    {
        if (_finished)
        {
            return null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (Tokens.Count >= _maxNewTokens)
        {
            return End(GenerationStopReason.MaxTokens);
        }

        _runner.Run(_prompt ?? _next);
        _prompt = null;
        int token;
        long t3;
        var t0 = Stopwatch.GetTimestamp();
        var top = -1;
        if (_sampler.IsGreedy && !LogitsSampler.Penalizes(_repetitionPenalty))
        {
            // Greedy decoding needs only the arg max, which the runner finds without converting float16 logits; under a
            // grammar it is the answer whenever the grammar accepts it (it is then the arg max of the allowed tokens too).
            top = _runner.ArgMaxLogit();
            if (_constrained && !ConstrainedChoice.Accepts(_grammar, _model.Tokenizer.TokenTexts(), top))
            {
                top = -1;
            }
        }

        var tried = Stopwatch.GetTimestamp();
        if (_constrained)
        {
            _maskTicks += tried - t0;
        }
        else
        {
            _sampleTicks += tried - t0;
        }

        if (top >= 0)
        {
            token = top;
            t3 = tried;
        }
        else
        {
            var logits = _runner.Logits();
            var t1 = Stopwatch.GetTimestamp();
            LogitsSampler.ApplyRepetitionPenalty(logits, _seen, _repetitionPenalty);
            var t2 = Stopwatch.GetTimestamp();
            _penaltyTicks += t2 - t1;
            token = Choose(logits, t2, out t3);
        }

        if (token < 0)
        {
            return End(GenerationStopReason.MaxTokens);
        }

        if (!_constrained && IsEos(token))
        {
            return End(GenerationStopReason.EndOfSequence);
        }

        Tokens.Add(token);
        _next[0] = token;
        MarkSeen(token);
        if (_constrained)
        {
            _grammar.TryFeed(_model.Tokenizer.TokenTexts()[token]);
        }

        if (!_model.Tokenizer.IsSpecial(token))
        {
            var bytes = _model.Tokenizer.TokenBytes(token);
            var count = _utf8.GetCharCount(bytes, flush: false);
            var chars = count <= _chars.Length ? _chars : new char[count];
            var written = _utf8.GetChars(bytes, chars, flush: false);
            _pending.Append(chars, 0, written);
        }

        _textTicks += Stopwatch.GetTimestamp() - t3;
        if (_constrained && _grammar.IsComplete)
        {
            _finished = true;
            StopReason = GenerationStopReason.ConstraintComplete;
            return TakePending();
        }

        return TakeSafeText();
    }

    /// <summary>Ends the generation and returns any text still held back (and, for a constrained one cut off by the budget, the grammar's closing text).</summary>
    public string Finish()
    {
        if (!_finished)
        {
            End(GenerationStopReason.MaxTokens);
        }

        var tail = TakePending();
        if (_constrained && !_grammar.IsComplete)
        {
            var closing = _grammar.Complete();
            _grammar.TryFeed(closing);
            tail += closing;
        }

        return tail;
    }

    public void Dispose() => _runner.Dispose();

    private string? End(GenerationStopReason reason)
    {
        _finished = true;
        StopReason ??= reason;
        return null;
    }

    /// <summary>The next token from the (penalised) logits: under the grammar when constrained, else by the sampler; −1 when the grammar allows none.</summary>
    private int Choose(Span<float> logits, long started, out long chosen)
    {
        if (_constrained)
        {
            var token = ConstrainedChoice.Choose(logits, _grammar, _model.IntentAllowed, _sampler, _model.Tokenizer.TokenTexts(), _allowedLogits);
            chosen = Stopwatch.GetTimestamp();
            _maskTicks += chosen - started;
            return token;
        }

        var sampled = _sampler.Sample(logits);
        chosen = Stopwatch.GetTimestamp();
        _sampleTicks += chosen - started;
        return sampled;
    }

    private bool IsEos(int token)
    {
        var eos = _model.EosTokenIds;
        for (var i = 0; i < eos.Count; i++)
        {
            if (eos[i] == token)
            {
                return true;
            }
        }

        return false;
    }

    private void MarkSeen(int id)
    {
        if ((uint)id < (uint)_isSeen.Length && !_isSeen[id])
        {
            _isSeen[id] = true;
            _seen.Add(id);
        }
    }


    private string TakeSafeText()
    {
        if (_stops.Count == 0)
        {
            return TakePending();
        }

        var text = _pending.ToString();
        foreach (var stop in _stops)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                _pending.Clear();
                _finished = true;
                StopReason = GenerationStopReason.StopSequence;
                return text[..at];
            }
        }

        var safe = Math.Max(0, text.Length - _holdBack);
        _pending.Remove(0, safe);
        return text[..safe];
    }

    private string TakePending()
    {
        if (_pending.Length == 0)
        {
            return "";
        }

        var text = _pending.ToString();
        _pending.Clear();
        return text;
    }
}
