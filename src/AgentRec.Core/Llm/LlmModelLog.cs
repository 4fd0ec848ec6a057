namespace AgentRec.Core.Llm;

/// <summary>What loading a local LLM logs, in the same words for both engines, naming the runtime that loaded it.</summary>
internal static partial class LlmModelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "LLM model '{Name}' ({Type}) loaded by {Runtime} from {Folder} on {Provider}: {Layers} layers, vocabulary {Vocab}, context {Context}")]
    public static partial void Loaded(ILogger logger, string name, string type, string runtime, string folder, string provider, int layers, int vocab, int context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Llm:ExecutionProvider is {Requested} but {Runtime} could not use CUDA ({Reason}); running the LLM on the CPU")]
    public static partial void CudaUnavailable(ILogger logger, string requested, string runtime, string reason);
}
