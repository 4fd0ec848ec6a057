namespace AgentRec.Core.Llm;

/// <summary>
/// A model folder in the ONNX Runtime GenAI layout, checked before either engine loads it: its genai_config.json and
/// the decoder and tokenizer files it must hold, a missing one an <see cref="LlmModelException"/> naming it.
/// </summary>
internal sealed record LlmModelFolder(string Folder, GenAIConfig Config, string DecoderPath, string TokenizerPath)
{
    public static LlmModelFolder Open(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var config = GenAIConfig.Load(folder);
        var decoderPath = Path.Combine(folder, config.DecoderFileName);
        if (!File.Exists(decoderPath))
        {
            throw new LlmModelException(decoderPath, $"LLM model folder '{folder}' has no {config.DecoderFileName} (named by {GenAIConfig.FileName} model.decoder.filename; expected '{decoderPath}').");
        }

        var tokenizerPath = Path.Combine(folder, GenAITokenizer.FileName);
        if (!File.Exists(tokenizerPath))
        {
            throw new LlmModelException(tokenizerPath, $"LLM model folder '{folder}' has no {GenAITokenizer.FileName} (expected '{tokenizerPath}').");
        }

        return new LlmModelFolder(folder, config, decoderPath, tokenizerPath);
    }
}
