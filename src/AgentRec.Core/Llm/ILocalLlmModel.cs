namespace AgentRec.Core.Llm;

/// <summary>A loaded local LLM, whichever engine runs it: what start-up logs and what the chat client reports.</summary>
public interface ILocalLlmModel
{
    /// <summary>The model folder.</summary>
    string Folder { get; }

    /// <summary>The folder's name, used as the model id.</summary>
    string Name { get; }

    /// <summary>"cuda" or "cpu": where the decoder actually runs.</summary>
    string ExecutionProvider { get; }

    /// <summary>The engine that runs it: <see cref="LlmEngines.Native"/> or <see cref="LlmEngines.GenAI"/>.</summary>
    string Engine { get; }

    /// <summary>The chat template of the model folder, which renders a conversation into the prompt.</summary>
    ChatTemplate ChatTemplate { get; }
}

/// <summary>The values of <c>Llm:Engine</c>.</summary>
public static class LlmEngines
{
    /// <summary>The project's own decode loop over Microsoft.ML.OnnxRuntime (<see cref="OnnxGenAIModel"/>).</summary>
    public const string Native = "native";

    /// <summary>The ONNX Runtime GenAI library, Microsoft.ML.OnnxRuntimeGenAI (<see cref="GenAIEngineModel"/>).</summary>
    public const string GenAI = "genai";
}
