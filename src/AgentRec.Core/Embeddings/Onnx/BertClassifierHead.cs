namespace AgentRec.Core.Embeddings.Onnx;

/// <summary>The sequence-classification head of a BERT classifier: a tanh pooler over [CLS] and a linear classifier.</summary>
public sealed class BertClassifierHead
{
    /// <summary>Number of logits per sequence (1 for a relevance regressor, 2 for a binary classifier).</summary>
    public required int Labels { get; init; }

    /// <summary>Pooler matrix [hidden, hidden], row-major (x·W).</summary>
    public required float[] PoolerWeight { get; init; }

    /// <summary>Pooler bias [hidden].</summary>
    public required float[] PoolerBias { get; init; }

    /// <summary>Classifier matrix [hidden, labels], row-major (x·W).</summary>
    public required float[] ClassifierWeight { get; init; }

    /// <summary>Classifier bias [labels].</summary>
    public required float[] ClassifierBias { get; init; }

    /// <summary>Draws the head's weights for <paramref name="config"/> from <paramref name="random"/>.</summary>
    public static BertClassifierHead Random(BertEncoderConfig config, int labels, Random random)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(labels, 1);
        var h = config.HiddenSize;
        return new BertClassifierHead
        {
            Labels = labels,
            PoolerWeight = BertWeights.Normal(random, h * h, config.InitStd),
            PoolerBias = BertWeights.Normal(random, h, config.InitStd),
            // Wider than the encoder's init so random classifiers give logits that differ visibly between inputs.
            ClassifierWeight = BertWeights.Normal(random, h * labels, 1f / MathF.Sqrt(h)),
            ClassifierBias = BertWeights.Normal(random, labels, config.InitStd),
        };
    }
}
