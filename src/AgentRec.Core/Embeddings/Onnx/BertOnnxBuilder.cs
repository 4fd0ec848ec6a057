namespace AgentRec.Core.Embeddings.Onnx;

/// <summary>
/// Writes a BERT-architecture encoder as an ONNX graph (opset 17): word + position + token-type embeddings,
/// LayerNormalization, then per layer multi-head self-attention with the padding mask and a GELU (Erf) feed-forward,
/// each followed by a residual LayerNormalization. Inputs input_ids, attention_mask, token_type_ids [batch, sequence]
/// (int64); output last_hidden_state [batch, sequence, hidden] — the layout of Hugging Face BERT exports.
/// </summary>
public static class BertOnnxBuilder
{
    /// <summary>Builds the ONNX model bytes of <paramref name="weights"/>.</summary>
    public static byte[] Build(BertWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return CreateWriter(weights).ToBytes();
    }

    /// <summary>Draws seeded random weights for <paramref name="config"/> and writes the model to <paramref name="path"/>; returns the weights.</summary>
    public static BertWeights BuildRandom(BertEncoderConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var weights = BertWeights.Random(config, new Random(config.Seed));
        CreateWriter(weights).Save(path);
        return weights;
    }

    /// <summary>
    /// Builds a sequence classifier (the layout of Hugging Face BertForSequenceClassification exports, e.g. the ms-marco
    /// cross-encoders): the encoder, then tanh pooler on [CLS] and a linear classifier; output logits [batch, labels].
    /// </summary>
    public static byte[] BuildClassifier(BertWeights weights, BertClassifierHead head)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(head);
        return CreateWriter(weights, head).ToBytes();
    }

    /// <summary>Draws seeded random encoder and head weights and writes a sequence classifier with <paramref name="labels"/> logits to <paramref name="path"/>.</summary>
    public static (BertWeights Weights, BertClassifierHead Head) BuildRandomClassifier(BertEncoderConfig config, string path, int labels = 1)
    {
        ArgumentNullException.ThrowIfNull(config);
        var random = new Random(config.Seed);
        var weights = BertWeights.Random(config, random);
        var head = BertClassifierHead.Random(config, labels, random);
        CreateWriter(weights, head).Save(path);
        return (weights, head);
    }

    private static OnnxModelWriter CreateWriter(BertWeights w, BertClassifierHead? head = null)
    {
        var c = w.Config;
        c.Validate();
        int h = c.HiddenSize, f = c.IntermediateSize;
        var g = new OnnxModelWriter("bert_encoder");
        g.AddMetadata("architecture", "bert");
        g.AddMetadata("hidden_size", h.ToString(System.Globalization.CultureInfo.InvariantCulture));
        g.AddMetadata("seed", c.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        g.AddInput("input_ids", OnnxElementType.Int64Tensor, "batch", "sequence");
        g.AddInput("attention_mask", OnnxElementType.Int64Tensor, "batch", "sequence");
        g.AddInput("token_type_ids", OnnxElementType.Int64Tensor, "batch", "sequence");
        if (head is null)
        {
            g.AddOutput("last_hidden_state", OnnxElementType.FloatTensor, "batch", "sequence", h.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            g.AddMetadata("head", "sequence-classification");
            g.AddOutput("logits", OnnxElementType.FloatTensor, "batch", head.Labels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        g.AddInitializer("word_embeddings", w.WordEmbeddings, c.VocabSize, h);
        g.AddInitializer("position_embeddings", w.PositionEmbeddings, c.MaxPositions, h);
        g.AddInitializer("token_type_embeddings", w.TypeEmbeddings, c.TypeVocabSize, h);
        g.AddInitializer("emb_ln_gamma", w.EmbeddingNormGamma, h);
        g.AddInitializer("emb_ln_beta", w.EmbeddingNormBeta, h);
        g.AddInitializer("c_zero", [0L], 1);
        g.AddInitializer("c_one", [1L], 1);
        g.AddInitializer("c_one_scalar", [1L]);
        g.AddInitializer("c_zero_scalar", [0L]);
        g.AddInitializer("c_axes_1_2", [1L, 2L], 2);
        g.AddInitializer("c_heads_shape", [0L, 0L, c.Heads, c.HeadSize], 4);
        g.AddInitializer("c_hidden_shape", [0L, 0L, h], 3);
        g.AddInitializer("f_one", [1f]);
        g.AddInitializer("f_mask_value", [-10000f]);
        g.AddInitializer("f_scale", [1f / MathF.Sqrt(c.HeadSize)]);
        g.AddInitializer("f_sqrt2", [MathF.Sqrt(2f)]);
        g.AddInitializer("f_half", [0.5f]);

        // Positions 0..T-1 from the runtime sequence length.
        g.Op("Shape", "ids_shape", "input_ids");
        g.Op("Gather", "seq_len", ["ids_shape", "c_one_scalar"], OnnxAttribute.Of("axis", 0));
        g.Op("Range", "position_ids", "c_zero_scalar", "seq_len", "c_one_scalar");
        g.Op("Gather", "word_vecs", ["word_embeddings", "input_ids"], OnnxAttribute.Of("axis", 0));
        g.Op("Gather", "pos_vecs", ["position_embeddings", "position_ids"], OnnxAttribute.Of("axis", 0));
        g.Op("Gather", "type_vecs", ["token_type_embeddings", "token_type_ids"], OnnxAttribute.Of("axis", 0));
        g.Op("Add", "emb_sum1", "word_vecs", "pos_vecs");
        g.Op("Add", "emb_sum", "emb_sum1", "type_vecs");
        var x = LayerNorm(g, "emb_sum", "emb_ln_gamma", "emb_ln_beta", "emb_out");

        // Additive mask [B,1,1,T]: 0 where attended, -10000 on padding.
        g.Op("Cast", "mask_f", ["attention_mask"], OnnxAttribute.Of("to", (long)OnnxElementType.FloatTensor));
        g.Op("Sub", "mask_inv", "f_one", "mask_f");
        g.Op("Mul", "mask_add", "mask_inv", "f_mask_value");
        g.Op("Unsqueeze", "mask_4d", "mask_add", "c_axes_1_2");

        for (var l = 0; l < c.Layers; l++)
        {
            var lw = w.Layers[l];
            var p = $"l{l}_";
            var q = Linear(g, x, lw.QueryWeight, lw.QueryBias, h, h, p + "q");
            var k = Linear(g, x, lw.KeyWeight, lw.KeyBias, h, h, p + "k");
            var v = Linear(g, x, lw.ValueWeight, lw.ValueBias, h, h, p + "v");
            g.Op("Reshape", p + "q4", q, "c_heads_shape");
            g.Op("Reshape", p + "k4", k, "c_heads_shape");
            g.Op("Reshape", p + "v4", v, "c_heads_shape");
            g.Op("Transpose", p + "qt", [p + "q4"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            g.Op("Transpose", p + "kt", [p + "k4"], OnnxAttribute.Ints("perm", 0, 2, 3, 1));
            g.Op("Transpose", p + "vt", [p + "v4"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            g.Op("MatMul", p + "scores_raw", p + "qt", p + "kt");
            g.Op("Mul", p + "scores_scaled", p + "scores_raw", "f_scale");
            g.Op("Add", p + "scores", p + "scores_scaled", "mask_4d");
            g.Op("Softmax", p + "probs", [p + "scores"], OnnxAttribute.Of("axis", -1));
            g.Op("MatMul", p + "ctx4", p + "probs", p + "vt");
            g.Op("Transpose", p + "ctx_t", [p + "ctx4"], OnnxAttribute.Ints("perm", 0, 2, 1, 3));
            g.Op("Reshape", p + "ctx", p + "ctx_t", "c_hidden_shape");
            var attnOut = Linear(g, p + "ctx", lw.OutputWeight, lw.OutputBias, h, h, p + "attn_out");
            g.Op("Add", p + "attn_res", attnOut, x);
            var x1 = LayerNorm(g, p + "attn_res", g.AddInitializer(p + "ln1_gamma", lw.AttentionNormGamma, h),
                g.AddInitializer(p + "ln1_beta", lw.AttentionNormBeta, h), p + "x1");

            var inter = Linear(g, x1, lw.IntermediateWeight, lw.IntermediateBias, h, f, p + "inter");
            // GELU(x) = 0.5·x·(1 + erf(x/√2)): the exact form BERT uses, with opset-13 operators only.
            g.Op("Div", p + "gelu_div", inter, "f_sqrt2");
            g.Op("Erf", p + "gelu_erf", p + "gelu_div");
            g.Op("Add", p + "gelu_1p", p + "gelu_erf", "f_one");
            g.Op("Mul", p + "gelu_x", inter, p + "gelu_1p");
            g.Op("Mul", p + "gelu", p + "gelu_x", "f_half");
            var ffn = Linear(g, p + "gelu", lw.FeedForwardWeight, lw.FeedForwardBias, f, h, p + "ffn");
            g.Op("Add", p + "ffn_res", ffn, x1);
            x = LayerNorm(g, p + "ffn_res", g.AddInitializer(p + "ln2_gamma", lw.OutputNormGamma, h),
                g.AddInitializer(p + "ln2_beta", lw.OutputNormBeta, h), p + "out");
        }

        if (head is null)
        {
            g.Op("Identity", "last_hidden_state", x);
            return g;
        }

        // Pooler: tanh(W·h[CLS] + b); classifier: logits = W·pooled + b.
        g.Op("Gather", "cls_vec", [x, "c_zero_scalar"], OnnxAttribute.Of("axis", 1));
        var pooled = Linear(g, "cls_vec", head.PoolerWeight, head.PoolerBias, h, h, "pooler_dense");
        g.Op("Tanh", "pooler_out", pooled);
        var logits = Linear(g, "pooler_out", head.ClassifierWeight, head.ClassifierBias, h, head.Labels, "classifier");
        g.Op("Identity", "logits", logits);
        return g;
    }

    private static string Linear(OnnxModelWriter g, string input, float[] weight, float[] bias, int inDim, int outDim, string name)
    {
        g.AddInitializer(name + "_w", weight, inDim, outDim);
        g.AddInitializer(name + "_b", bias, outDim);
        g.Op("MatMul", name + "_mm", input, name + "_w");
        return g.Op("Add", name, name + "_mm", name + "_b");
    }

    private static string LayerNorm(OnnxModelWriter g, string input, string gamma, string beta, string output) =>
        g.Op("LayerNormalization", output, [input, gamma, beta],
            OnnxAttribute.Of("axis", -1), OnnxAttribute.Of("epsilon", BertEncoderConfig.LayerNormEpsilon));
}
