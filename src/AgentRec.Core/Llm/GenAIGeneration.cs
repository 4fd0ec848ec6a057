using Microsoft.ML.OnnxRuntimeGenAI;

namespace AgentRec.Core.Llm;

/// <summary>What constrains a GenAI generation: an llguidance kind ("json_schema", "regex", "lark_grammar") and its text.</summary>
internal sealed record GenAIGuidance(string Kind, string Text)
{
    public bool IsJson => Kind == "json_schema";
}

/// <summary>
/// One ONNX Runtime GenAI generation, a token per <see cref="Next"/>: the library's Generator runs the model, samples
/// (greedy, top-k, top-p, temperature, repetition penalty, seed) and applies guidance; this loop checks the caller's
/// cancellation between tokens, decodes text incrementally, holds back text that may begin a stop sequence, and ends
/// a JSON-guided answer where its value closes.
/// </summary>
internal sealed class GenAIGeneration : ITextGeneration
{
    private readonly GenAIEngineModel _model;
    private readonly GeneratorParams _params;
    private readonly Generator _generator;
    private readonly TokenizerStream _stream;
    private readonly StopSequenceFilter _stops;
    private readonly JsonValueEnd? _json;
    private readonly HashSet<int> _eos;
    private readonly int _maxNewTokens;
    private readonly CancellationToken _cancellationToken;
    private readonly GenAIGuidance? _guidance;
    private int[]? _prompt;
    private bool _finished;
    private long _generatorTicks;

    public GenAIGeneration(GenAIEngineModel model, int[] promptIds, GenerationSettings settings, GenAIGuidance? guidance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var config = model.Config;
        var search = ResolvedSearch.For(config, promptIds, settings);
        if (guidance is not null && model.PromptTokenizerLimited)
        {
            // llguidance masks the tokenizer's ids; logits narrower than that let the model pick tokens the mask never saw.
            throw new LlmConstraintException(guidance.Text,
                $"Constrained output needs the tokenizer and the model to share a vocabulary; the tokenizer in '{model.Folder}' has ids beyond the model's {config.VocabSize}.");
        }

        _maxNewTokens = search.MaxNewTokens;
        _model = model;
        _cancellationToken = cancellationToken;
        _prompt = promptIds;
        PromptTokens = promptIds.Length;
        _eos = [.. model.EosTokenIds];
        _stops = new StopSequenceFilter(settings.StopSequences);
        _json = guidance is { IsJson: true } ? new JsonValueEnd() : null;
        _params = new GeneratorParams(model.Native);
        try
        {
            _params.SetSearchOption("max_length", promptIds.Length + _maxNewTokens);
            _params.SetSearchOption("do_sample", search.DoSample);
            _params.SetSearchOption("repetition_penalty", search.RepetitionPenalty);
            if (search.DoSample)
            {
                _params.SetSearchOption("temperature", search.Temperature);
                _params.SetSearchOption("top_k", search.TopK);
                _params.SetSearchOption("top_p", search.TopP);
                _params.SetSearchOption("random_seed", search.Seed);
            }

            if (guidance is not null)
            {
                _params.SetGuidance(guidance.Kind, guidance.Text, false);
            }
        }
        catch (OnnxRuntimeGenAIException ex) when (guidance is not null)
        {
            _params.Dispose();
            throw new LlmConstraintException(guidance.Text, $"ONNX Runtime GenAI cannot constrain output to this {guidance.Kind}: {ex.Message}", ex);
        }

        try
        {
            _generator = new Generator(model.Native, _params);
        }
        catch (OnnxRuntimeGenAIException ex)
        {
            _params.Dispose();
            if (guidance is not null && ex.Message.Contains("grammar", StringComparison.OrdinalIgnoreCase))
            {
                throw new LlmConstraintException(guidance.Text, $"ONNX Runtime GenAI cannot constrain output to this {guidance.Kind}: {ex.Message}", ex);
            }

            throw;
        }

        _stream = model.NativeTokenizer.CreateStream();
        _guidance = guidance;
    }

    /// <summary>The prompt's length in tokens.</summary>
    public int PromptTokens { get; }

    /// <summary>New tokens so far (the end-of-sequence token not counted).</summary>
    public int OutputTokens { get; private set; }

    /// <summary>Why the generation ended; null while it runs.</summary>
    public GenerationStopReason? StopReason { get; private set; }

    /// <summary>Time spent inside the library (prompt pass, then one GenerateNextToken per token: the model, sampling and guidance).</summary>
    public TimeSpan LibraryTime => Stopwatch.GetElapsedTime(0, _generatorTicks);

    /// <summary>Generates one token and returns the text now safe to emit (possibly empty), or null when generation has ended.</summary>
    public string? Next()
    {
        if (_finished)
        {
            return null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (OutputTokens >= _maxNewTokens)
        {
            return End(GenerationStopReason.MaxTokens);
        }

        var t0 = Stopwatch.GetTimestamp();
        int token;
        try
        {
            if (_prompt is not null)
            {
                _generator.AppendTokens(_prompt);
                _prompt = null;
            }

            if (_generator.IsDone())
            {
                _generatorTicks += Stopwatch.GetTimestamp() - t0;
                return End(_json is not null ? GenerationStopReason.ConstraintComplete : GenerationStopReason.EndOfSequence);
            }

            _generator.GenerateNextToken();
            token = _generator.GetNextTokens()[0];
        }
        catch (OnnxRuntimeGenAIException ex) when (_guidance is not null)
        {
            throw new LlmConstraintException(_guidance.Text, $"ONNX Runtime GenAI stopped a constrained generation: {ex.Message}", ex);
        }

        _generatorTicks += Stopwatch.GetTimestamp() - t0;
        if (_eos.Contains(token))
        {
            return End(_json is { Complete: true } ? GenerationStopReason.ConstraintComplete : GenerationStopReason.EndOfSequence);
        }

        OutputTokens++;
        var piece = _stream.Decode(token);
        if (_json is not null)
        {
            var take = _json.Take(piece);
            piece = piece[..take];
        }

        var text = _stops.Push(piece);
        if (_stops.Stopped)
        {
            _finished = true;
            StopReason = GenerationStopReason.StopSequence;
            return text;
        }

        if (_json is { Complete: true })
        {
            _finished = true;
            StopReason = GenerationStopReason.ConstraintComplete;
            return text + _stops.Flush();
        }

        return text;
    }

    /// <summary>The text still held back when generation ends.</summary>
    public string Finish() => _stops.Stopped ? "" : _stops.Flush();

    private string? End(GenerationStopReason reason)
    {
        _finished = true;
        StopReason = reason;
        return null;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _generator.Dispose();
        _params.Dispose();
    }
}
