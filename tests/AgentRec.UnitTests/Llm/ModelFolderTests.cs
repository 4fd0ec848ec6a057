using AgentRec.Core.Llm;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class ModelFolderTests(TestModels models)
{
    [Fact]
    public void Gpt2_config_names_combined_past_and_present_per_layer()
    {
        var config = models.Gpt2.Config;

        Assert.Equal("gpt2", config.ModelType);
        Assert.Equal(512, config.ContextLength);
        Assert.Equal("past.onnx", config.DecoderFileName);
        Assert.Equal([98], config.EosTokenIds);
        Assert.Equal(["past_0", "past_1", "past_2", "past_3", "past_4"], models.Gpt2.Io.PastNames);
        Assert.Equal("present_4", models.Gpt2.Io.PresentNames[^1]);
        Assert.Equal(TensorElementType.Int32, models.Gpt2.Io.IdType);
        Assert.Equal([2, 1, 4, 0, 8], models.Gpt2.Io.EmptyPastShapes[0]);
    }

    [Fact]
    public void Llama_config_names_separate_float16_keys_and_values()
    {
        var io = models.Llama.Io;

        Assert.Equal("llama", models.Llama.Config.ModelType);
        Assert.Equal(2048, models.Llama.Config.ContextLength);
        Assert.Equal(["past_key_values.0.key", "past_key_values.0.value", "past_key_values.1.key", "past_key_values.1.value"], io.PastNames);
        Assert.Equal("present.1.value", io.PresentNames[^1]);
        Assert.Equal(TensorElementType.Float16, io.KvType);
        Assert.Equal(TensorElementType.Int64, io.IdType);
        Assert.Equal(32000, io.LogitsWidth);
    }

    [Fact]
    public void Gpt2_tokenizer_is_cut_to_the_model_vocabulary_and_round_trips_text()
    {
        var tokenizer = models.Gpt2.Tokenizer;
        const string text = "Recommend me 3 sci-fi movies, please!";

        var ids = tokenizer.Encode(text);

        Assert.Equal(1000, tokenizer.VocabSize);
        Assert.All(ids, id => Assert.InRange(id, 0, 999));
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public void Llama_tokenizer_reads_sentencepiece_bpe_with_byte_fallback()
    {
        var tokenizer = models.Llama.Tokenizer;
        const string text = "Movies like Heat, 科幻 ✓";

        var ids = models.Llama.EncodePrompt(text);

        Assert.Equal(1, ids[0]);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.Equal([1, 15043, 3186], models.Llama.EncodePrompt("Hello world"));
    }

    [Fact]
    public void Llama_chat_template_is_recognised_as_llama2_and_renders_inst_markers()
    {
        var prompt = models.Llama.ChatTemplate.Render([("system", "Be brief."), ("user", "Hi")]);

        Assert.Equal(ChatTemplateKind.Llama2, models.Llama.ChatTemplate.Kind);
        Assert.Equal("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST]", prompt);
    }

    [Theory]
    [InlineData("{\"chat_template\":\"{{'<|im_start|>' + message['role']}}\"}", ChatTemplateKind.ChatML)]
    [InlineData("{\"chat_template\":\"{{'<|user|>\\n' + message['content'] + '<|end|>'}}\"}", ChatTemplateKind.Phi3)]
    public void Chat_template_kind_is_recognised_from_its_markers(string json, ChatTemplateKind expected)
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, ChatTemplate.FileName), json);

        Assert.Equal(expected, ChatTemplate.Load(folder.Path).Kind);
    }

    [Fact]
    public void Cuda_request_falls_back_to_cpu_when_the_native_provider_is_missing()
    {
        var hasCuda = Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

        using var model = OnnxGenAIModel.Load(TestModels.PathOf(TestModels.Gpt2Folder), "cuda");

        Assert.Equal(hasCuda ? "cuda" : "cpu", model.ExecutionProvider);
        Assert.NotEmpty(model.GenerateTokens(model.EncodePrompt("Hi"), new GenerationSettings { MaxNewTokens = 2 }));
    }

    [Fact]
    public void Auto_provider_takes_cuda_only_where_the_runtime_has_it_and_logs_the_choice()
    {
        var logger = new FakeLogger();

        using var model = OnnxGenAIModel.Load(TestModels.PathOf(TestModels.Gpt2Folder), "auto", logger);

        if (!ExecutionProviders.CudaBuilt())
        {
            Assert.Equal("cpu", model.ExecutionProvider);
        }

        var line = Assert.Single(logger.Entries, e => e.Message.StartsWith("ONNX Runtime ", StringComparison.Ordinal)).Message;
        Assert.Contains("1.32.0", line, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", line, StringComparison.Ordinal);
        Assert.EndsWith("chose " + model.ExecutionProvider, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmEngines.Native)]
    [InlineData(LlmEngines.GenAI)]
    public void Missing_folder_is_an_error_naming_the_folder(string engine)
    {
        var path = Path.Combine(Path.GetTempPath(), "agentrec-no-such-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<LlmModelException>(() => Load(engine, path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmEngines.Native)]
    [InlineData(LlmEngines.GenAI)]
    public void Corrupt_genai_config_is_an_error_naming_the_file(string engine)
    {
        using var folder = TempFolder.CopyOf(TestModels.PathOf(TestModels.Gpt2Folder));
        File.WriteAllText(Path.Combine(folder.Path, GenAIConfig.FileName), "{ \"model\": { \"type\": ");

        var error = Assert.Throws<LlmModelException>(() => Load(engine, folder.Path));

        Assert.Equal(Path.Combine(folder.Path, GenAIConfig.FileName), error.FilePath);
        Assert.Contains(GenAIConfig.FileName, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmEngines.Native)]
    [InlineData(LlmEngines.GenAI)]
    public void Missing_onnx_file_is_an_error_naming_the_file(string engine)
    {
        using var folder = TempFolder.CopyOf(TestModels.PathOf(TestModels.Gpt2Folder));
        File.Delete(Path.Combine(folder.Path, "past.onnx"));

        var error = Assert.Throws<LlmModelException>(() => Load(engine, folder.Path));

        Assert.EndsWith("past.onnx", error.FilePath, StringComparison.Ordinal);
        Assert.Contains("past.onnx", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmEngines.Native)]
    [InlineData(LlmEngines.GenAI)]
    public void Missing_external_data_is_an_error_naming_the_onnx_file(string engine)
    {
        using var folder = TempFolder.CopyOf(TestModels.PathOf(TestModels.LlamaFolder));
        File.Delete(Path.Combine(folder.Path, "model.onnx.data"));

        var error = Assert.Throws<LlmModelException>(() => Load(engine, folder.Path));

        Assert.EndsWith("model.onnx", error.FilePath, StringComparison.Ordinal);
        Assert.Contains("model.onnx.data", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LlmEngines.Native)]
    [InlineData(LlmEngines.GenAI)]
    public void Missing_tokenizer_is_an_error_naming_the_file(string engine)
    {
        using var folder = TempFolder.CopyOf(TestModels.PathOf(TestModels.Gpt2Folder));
        File.Delete(Path.Combine(folder.Path, GenAITokenizer.FileName));

        var error = Assert.Throws<LlmModelException>(() => Load(engine, folder.Path));

        Assert.EndsWith(GenAITokenizer.FileName, error.FilePath, StringComparison.Ordinal);
    }

    private static IDisposable Load(string engine, string folder) =>
        engine == LlmEngines.GenAI ? GenAIEngineModel.Load(folder) : OnnxGenAIModel.Load(folder);
}
