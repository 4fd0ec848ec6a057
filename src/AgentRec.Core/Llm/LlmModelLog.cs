namespace AgentRec.Core.Llm;

/// <summary>What loading a local LLM logs, in the same words for both engines, naming the runtime that loaded it.</summary>
internal static partial class LlmModelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "LLM model '{Name}' ({Type}) loaded by {Runtime} from {Folder} on {Provider}: {Layers} layers, vocabulary {Vocab}, context {Context}")]
    public static partial void Loaded(ILogger logger, string name, string type, string runtime, string folder, string provider, int layers, int vocab, int context);

    /// <summary>CUDA was asked for (or allowed by "auto") but <paramref name="runtime"/> could not use it.</summary>
    public static void CudaUnavailable(ILogger logger, string requested, string runtime, string reason) =>
        logger.FellBack("llm", "the CPU", $"Llm:ExecutionProvider is {requested} but {runtime} could not use CUDA ({reason})");
}
