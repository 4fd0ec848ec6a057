namespace AgentRec.Core.Embeddings.Onnx;

/// <summary>The shape of a BERT-architecture encoder and the seed of its random weights.</summary>
/// <param name="VocabSize">WordPiece vocabulary size (30,522 for the BERT uncased vocab).</param>
/// <param name="HiddenSize">Width of every token vector.</param>
/// <param name="Layers">Number of transformer layers.</param>
/// <param name="Heads">Attention heads per layer; must divide <paramref name="HiddenSize"/>.</param>
/// <param name="IntermediateSize">Width of the feed-forward layer.</param>
/// <param name="MaxPositions">Longest sequence the position table covers.</param>
/// <param name="TypeVocabSize">Number of token types (segments).</param>
/// <param name="Seed">Seed of the weight initialisation.</param>
/// <param name="InitStd">Standard deviation of the normal weight initialisation.</param>
public sealed record BertEncoderConfig(
    int VocabSize,
    int HiddenSize,
    int Layers,
    int Heads,
    int IntermediateSize,
    int MaxPositions = 512,
    int TypeVocabSize = 2,
    int Seed = 42,
    float InitStd = 0.02f)
{
    /// <summary>LayerNormalization epsilon used by BERT.</summary>
    public const float LayerNormEpsilon = 1e-12f;

    /// <summary>Width of one attention head.</summary>
    public int HeadSize => HiddenSize / Heads;

    /// <summary>The all-MiniLM-L6-v2 shape: 6 layers, 384 wide, 12 heads, 1,536 feed-forward.</summary>
    public static BertEncoderConfig MiniLmL6H384(int vocabSize = 30522, int seed = 42) => new(vocabSize, 384, 6, 12, 1536, 512, 2, seed);

    /// <summary>A tiny shape for tests: 2 layers, 32 wide, 4 heads.</summary>
    public static BertEncoderConfig Tiny(int vocabSize = 30522, int seed = 42) => new(vocabSize, 32, 2, 4, 64, 128, 2, seed, 0.2f);

    /// <summary>Throws when the shape is inconsistent.</summary>
    public void Validate()
    {
        if (VocabSize <= 0 || HiddenSize <= 0 || Layers < 0 || Heads <= 0 || IntermediateSize <= 0 || MaxPositions <= 0 || TypeVocabSize <= 0)
        {
            throw new ArgumentException($"Every size of {this} must be positive.");
        }

        if (HiddenSize % Heads != 0)
        {
            throw new ArgumentException($"HiddenSize {HiddenSize} is not a multiple of Heads {Heads}.");
        }
    }
}

/// <summary>One transformer layer's weights; matrices are row-major [in, out] (x·W).</summary>
public sealed class BertLayerWeights
{
    public required float[] QueryWeight { get; init; }
    public required float[] QueryBias { get; init; }
    public required float[] KeyWeight { get; init; }
    public required float[] KeyBias { get; init; }
    public required float[] ValueWeight { get; init; }
    public required float[] ValueBias { get; init; }
    public required float[] OutputWeight { get; init; }
    public required float[] OutputBias { get; init; }
    public required float[] AttentionNormGamma { get; init; }
    public required float[] AttentionNormBeta { get; init; }
    public required float[] IntermediateWeight { get; init; }
    public required float[] IntermediateBias { get; init; }
    public required float[] FeedForwardWeight { get; init; }
    public required float[] FeedForwardBias { get; init; }
    public required float[] OutputNormGamma { get; init; }
    public required float[] OutputNormBeta { get; init; }
}

/// <summary>Every weight of a BERT-architecture encoder, drawn from a seeded normal distribution.</summary>
public sealed class BertWeights
{
    public required BertEncoderConfig Config { get; init; }
    public required float[] WordEmbeddings { get; init; }
    public required float[] PositionEmbeddings { get; init; }
    public required float[] TypeEmbeddings { get; init; }
    public required float[] EmbeddingNormGamma { get; init; }
    public required float[] EmbeddingNormBeta { get; init; }
    public required IReadOnlyList<BertLayerWeights> Layers { get; init; }

    /// <summary>Draws the weights of <paramref name="config"/> from <paramref name="random"/>.</summary>
    public static BertWeights Random(BertEncoderConfig config, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        config.Validate();
        int h = config.HiddenSize, f = config.IntermediateSize;
        var std = config.InitStd;
        var layers = new BertLayerWeights[config.Layers];
        var weights = new BertWeights
        {
            Config = config,
            WordEmbeddings = Normal(random, config.VocabSize * h, std),
            PositionEmbeddings = Normal(random, config.MaxPositions * h, std),
            TypeEmbeddings = Normal(random, config.TypeVocabSize * h, std),
            EmbeddingNormGamma = Around(random, h, 1, std),
            EmbeddingNormBeta = Normal(random, h, std),
            Layers = layers,
        };
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = new BertLayerWeights
            {
                QueryWeight = Normal(random, h * h, std),
                QueryBias = Normal(random, h, std),
                KeyWeight = Normal(random, h * h, std),
                KeyBias = Normal(random, h, std),
                ValueWeight = Normal(random, h * h, std),
                ValueBias = Normal(random, h, std),
                OutputWeight = Normal(random, h * h, std),
                OutputBias = Normal(random, h, std),
                AttentionNormGamma = Around(random, h, 1, std),
                AttentionNormBeta = Normal(random, h, std),
                IntermediateWeight = Normal(random, h * f, std),
                IntermediateBias = Normal(random, f, std),
                FeedForwardWeight = Normal(random, f * h, std),
                FeedForwardBias = Normal(random, h, std),
                OutputNormGamma = Around(random, h, 1, std),
                OutputNormBeta = Normal(random, h, std),
            };
        }

        return weights;
    }

    internal static float[] Normal(Random random, int count, float std)
    {
        var values = new float[count];
        for (var i = 0; i < count; i += 2)
        {
            // Box–Muller: two independent normals per pair of uniforms.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1)) * std;
            values[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < count)
            {
                values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
            }
        }

        return values;
    }

    private static float[] Around(Random random, int count, float center, float std)
    {
        var values = Normal(random, count, std);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += center;
        }

        return values;
    }
}
