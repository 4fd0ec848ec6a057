using AgentRec.Core.Llm;

namespace AgentRec.Core.Benchmarking;

/// <summary>Where one generation's time went: the prompt pass, then the one-token steps, each split into ONNX Runtime's Run and the loop around it.</summary>
/// <param name="PromptTokens">Tokens in the prompt.</param>
/// <param name="Steps">One-token decode steps after the prompt pass.</param>
/// <param name="Prefill">Wall time of the prompt pass (its Run and the first token's sampling).</param>
/// <param name="Decode">Wall time of the one-token steps.</param>
/// <param name="DecodeRun">Time of the steps spent inside ONNX Runtime's Run.</param>
/// <param name="Loop">The steps' time outside Run, by part of the loop.</param>
public sealed record DecodeTiming(int PromptTokens, int Steps, TimeSpan Prefill, TimeSpan Decode, TimeSpan DecodeRun, DecodeLoopTicks Loop)
{
    /// <summary>Milliseconds per decoded token.</summary>
    public double MsPerToken => Steps == 0 ? double.NaN : Decode.TotalMilliseconds / Steps;

    /// <summary>Share of step time outside ONNX Runtime's Run: sampling, masking, text decoding and tensor bookkeeping.</summary>
    public double Overhead => Decode <= TimeSpan.Zero ? double.NaN : (Decode - DecodeRun) / Decode;
}

/// <summary>Times the decode loop of a loaded model for <c>agentrec bench llm</c> and the benchmarks.</summary>
public static class DecodeProbe
{
    /// <summary>Generates up to <paramref name="settings"/>' MaxNewTokens after <paramref name="promptIds"/> and splits the time.</summary>
    public static DecodeTiming Run(OnnxGenAIModel model, int[] promptIds, GenerationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        using var generation = model.StartGeneration(promptIds, settings, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var more = generation.Next() is not null;
        var prefill = Stopwatch.GetElapsedTime(started);
        var prefillRun = generation.ModelRunTime;
        var prefillLoop = generation.LoopTicks;
        var decodeStarted = Stopwatch.GetTimestamp();
        while (more)
        {
            more = generation.Next() is not null;
        }

        var steps = generation.ModelRuns - 1;

        var decode = Stopwatch.GetElapsedTime(decodeStarted);
        return new DecodeTiming(promptIds.Length, steps, prefill, decode, generation.ModelRunTime - prefillRun, generation.LoopTicks.Minus(prefillLoop));
    }

    /// <summary>
    /// The same split for the ONNX Runtime GenAI engine: the prompt pass with the first token, then the steps, with the
    /// time inside the library's calls (its Run, sampling and guidance together) in place of Run.
    /// </summary>
    public static DecodeTiming RunGenAI(GenAIEngineModel model, int[] promptIds, GenerationSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var guidance = settings.ConstrainToIntentJson ? new GenAIGuidance("json_schema", IntentJsonSchema.Text) : null;
        using var generation = new GenAIGeneration(model, promptIds, settings with { ConstrainToIntentJson = false }, guidance, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var more = generation.Next() is not null;
        var prefill = Stopwatch.GetElapsedTime(started);
        var prefillLibrary = generation.LibraryTime;
        var steps = 0;
        var decodeStarted = Stopwatch.GetTimestamp();
        while (more)
        {
            more = generation.Next() is not null;
            steps++;
        }

        var decode = Stopwatch.GetElapsedTime(decodeStarted);
        return new DecodeTiming(promptIds.Length, generation.OutputTokens - 1, prefill, decode, generation.LibraryTime - prefillLibrary, default);
    }
}
