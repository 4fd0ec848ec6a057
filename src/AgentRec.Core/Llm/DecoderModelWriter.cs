using System.Text.Json.Nodes;
using AgentRec.Core.Embeddings.Onnx;

namespace AgentRec.Core.Llm;

/// <summary>The size of a decoder <see cref="DecoderModelWriter"/> writes.</summary>
public sealed record DecoderShape(int Layers, int Hidden, int Heads, int FeedForward, int Context, int Vocabulary)
{
    /// <summary>About 36 million parameters: 6 layers, hidden 384, 6 heads, feed-forward 1,024, context 2,048, the llama test tokenizer's 32,000 tokens.</summary>
    public static DecoderShape Medium { get; } = new(6, 384, 6, 1024, 2048, 32000);

    /// <summary>The number of weights.</summary>
    public long Parameters => (2L * Vocabulary * Hidden) + ((long)Context * Hidden)
        + (Layers * ((4L * Hidden * Hidden) + (3L * Hidden * FeedForward))) + (2L * Hidden);
}

/// <summary>
/// Writes a llama-shaped decoder folder in the ONNX Runtime GenAI layout with seeded random weights: genai_config.json,
/// model.onnx (token and learned position embeddings, pre-norm causal multi-head attention over a key-value cache
/// "past_key_values.%d.key/value" → "present.%d.key/value", a gated SiLU feed-forward, a language-model head) and the
/// tokenizer files of an existing folder. Both engines run it; it measures decode speed on a model whose run time
/// dominates, which the tiny test models cannot. Its text is noise.
/// </summary>
public static class DecoderModelWriter
{
    private static readonly string[] TokenizerFiles = [GenAITokenizer.FileName, ChatTemplate.FileName, "special_tokens_map.json"];

    /// <summary>
    /// Writes the folder (skipped when <paramref name="folder"/> already holds this shape and seed) with the tokenizer
    /// files copied from <paramref name="tokenizerFolder"/>, whose vocabulary must fit <see cref="DecoderShape.Vocabulary"/>.
    /// </summary>
    public static void Write(string folder, string tokenizerFolder, DecoderShape shape, int seed)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(tokenizerFolder);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Hidden % shape.Heads != 0)
        {
            throw new ArgumentException($"Hidden size {shape.Hidden} is not a multiple of {shape.Heads} heads.", nameof(shape));
        }

        var stamp = $"{shape} seed {seed}";
        var stampPath = Path.Combine(folder, "shape.txt");
        if (File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp && File.Exists(Path.Combine(folder, "model.onnx")))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in TokenizerFiles)
        {
            var source = Path.Combine(tokenizerFolder, file);
            if (File.Exists(source))
            {
                var target = Path.Combine(folder, file);
                File.Copy(source, target, overwrite: true);
                File.SetAttributes(target, FileAttributes.Normal);
            }
        }

        File.WriteAllText(Path.Combine(folder, GenAIConfig.FileName), Config(shape).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Graph(shape, new Random(seed)).Save(Path.Combine(folder, "model.onnx"));
        File.WriteAllText(stampPath, stamp);
    }

    private static JsonObject Config(DecoderShape shape) => new()
    {
        ["model"] = new JsonObject
        {
            ["type"] = "llama",
            ["bos_token_id"] = 1,
            ["eos_token_id"] = 2,
            ["pad_token_id"] = 0,
            ["vocab_size"] = shape.Vocabulary,
            ["context_length"] = shape.Context,
            ["decoder"] = new JsonObject
            {
                ["session_options"] = new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() },
                ["filename"] = "model.onnx",
                ["head_size"] = shape.Hidden / shape.Heads,
                ["hidden_size"] = shape.Hidden,
                ["num_attention_heads"] = shape.Heads,
                ["num_key_value_heads"] = shape.Heads,
                ["num_hidden_layers"] = shape.Layers,
                ["inputs"] = new JsonObject
                {
                    ["input_ids"] = "input_ids",
                    ["attention_mask"] = "attention_mask",
                    ["position_ids"] = "position_ids",
                    ["past_key_names"] = "past_key_values.%d.key",
                    ["past_value_names"] = "past_key_values.%d.value",
                },
                ["outputs"] = new JsonObject
                {
                    ["logits"] = "logits",
                    ["present_key_names"] = "present.%d.key",
                    ["present_value_names"] = "present.%d.value",
                },
            },
        },
    };

    private static OnnxModelWriter Graph(DecoderShape shape, Random random)
    {
        var (e, h, f, v) = (shape.Hidden, shape.Heads, shape.FeedForward, shape.Vocabulary);
        var d = e / h;
        var w = new OnnxModelWriter("decoder");
        w.AddMetadata("agentrec.decoder", shape.ToString());
        w.AddInput("input_ids", OnnxElementType.Int64Tensor, "batch", "sequence");
        w.AddInput("attention_mask", OnnxElementType.Int64Tensor, "batch", "total");
        w.AddInput("position_ids", OnnxElementType.Int64Tensor, "batch", "sequence");
        w.AddOutput("logits", OnnxElementType.FloatTensor, "batch", "sequence", v.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < shape.Layers; i++)
        {
            foreach (var kind in (ReadOnlySpan<string>)["key", "value"])
            {
                w.AddInput($"past_key_values.{i}.{kind}", OnnxElementType.FloatTensor, "batch", h.ToString(CultureInfo.InvariantCulture), "past", d.ToString(CultureInfo.InvariantCulture));
                w.AddOutput($"present.{i}.{kind}", OnnxElementType.FloatTensor, "batch", h.ToString(CultureInfo.InvariantCulture), "total", d.ToString(CultureInfo.InvariantCulture));
            }
        }

        string Weight(string name, params long[] dims)
        {
            var count = (int)dims.Aggregate(1L, (a, b) => a * b);
            var values = new float[count];
            var scale = 1f / MathF.Sqrt(dims[0]);
            for (var i = 0; i < count; i++)
            {
                values[i] = (float)((random.NextDouble() * 2) - 1) * scale;
            }

            return w.AddInitializer(name, values, dims);
        }

        var ones = w.AddInitializer("ones", Enumerable.Repeat(1f, e).ToArray(), e);
        var zeros = w.AddInitializer("zeros", new float[e], e);
        w.AddInitializer("heads_shape", [0L, 0, h, d], 4);
        w.AddInitializer("merge_shape", [0L, 0, e], 3);
        w.AddInitializer("i0", [0L]);
        w.AddInitializer("i1", [1L]);
        w.AddInitializer("axes_1_3", [1L, 3], 2);
        w.AddInitializer("scale", [1f / MathF.Sqrt(d)]);
        w.AddInitializer("masked", [-1e9f]);
        w.AddInitializer("open", [0f]);

        // A key position after the query's own position is masked: the cache holds past positions, the prompt pass holds all.
        w.Op("Shape", "mask_shape", "attention_mask");
        w.Op("Gather", "total", "mask_shape", "i1");
        w.Op("Range", "key_positions", "i0", "total", "i1");
        w.Op("Unsqueeze", "query_positions", "position_ids", "axes_1_3");
        w.Op("Greater", "future", "key_positions", "query_positions");
        w.Op("Where", "mask", "future", "masked", "open");

        w.Op("Gather", "token_embeddings", Weight("embed_tokens", v, e), "input_ids");
        w.Op("Gather", "position_embeddings", Weight("embed_positions", shape.Context, e), "position_ids");
        var x = w.Op("Add", "x_0", "token_embeddings", "position_embeddings");
        string Norm(string input, string output) =>
            w.AddNode("LayerNormalization", [input, ones, zeros], [output], OnnxAttribute.Of("axis", -1L), OnnxAttribute.Of("epsilon", 1e-5f));
        string Heads(string input, string output)
        {
            w.Op("Reshape", output + "_split", input, "heads_shape");
            return w.Op("Transpose", output, [output + "_split"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
        }

        for (var i = 0; i < shape.Layers; i++)
        {
            var p = $"l{i}_";
            var n = Norm(x, p + "norm1");
            var q = Heads(w.Op("MatMul", p + "q", n, Weight(p + "wq", e, e)), p + "qh");
            var k = Heads(w.Op("MatMul", p + "k", n, Weight(p + "wk", e, e)), p + "kh");
            var val = Heads(w.Op("MatMul", p + "v", n, Weight(p + "wv", e, e)), p + "vh");
            var keys = w.Op("Concat", $"present.{i}.key", [$"past_key_values.{i}.key", k], OnnxAttribute.Of("axis", 2L));
            var values = w.Op("Concat", $"present.{i}.value", [$"past_key_values.{i}.value", val], OnnxAttribute.Of("axis", 2L));
            w.Op("Transpose", p + "kt", [keys], OnnxAttribute.Ints("perm", 0, 1, 3, 2));
            w.Op("MatMul", p + "scores", q, p + "kt");
            w.Op("Mul", p + "scaled", p + "scores", "scale");
            w.Op("Add", p + "masked", p + "scaled", "mask");
            w.Op("Softmax", p + "weights", [p + "masked"], OnnxAttribute.Of("axis", -1L));
            w.Op("MatMul", p + "context", p + "weights", values);
            w.Op("Transpose", p + "context_t", [p + "context"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            w.Op("Reshape", p + "merged", p + "context_t", "merge_shape");
            w.Op("MatMul", p + "attention", p + "merged", Weight(p + "wo", e, e));
            x = w.Op("Add", p + "x_attention", x, p + "attention");
            var n2 = Norm(x, p + "norm2");
            w.Op("MatMul", p + "gate", n2, Weight(p + "w_gate", e, f));
            w.Op("Sigmoid", p + "gate_sigmoid", p + "gate");
            w.Op("Mul", p + "gate_silu", p + "gate", p + "gate_sigmoid");
            w.Op("MatMul", p + "up", n2, Weight(p + "w_up", e, f));
            w.Op("Mul", p + "gated", p + "gate_silu", p + "up");
            w.Op("MatMul", p + "down", p + "gated", Weight(p + "w_down", f, e));
            x = w.Op("Add", $"x_{i + 1}", x, p + "down");
        }

        var final = Norm(x, "final_norm");
        w.Op("MatMul", "logits", final, Weight("lm_head", e, v));
        return w;
    }
}
