using AgentRec.Core.Fusion;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// Two text encoders as one: each text is embedded by both and the vectors fused by <see cref="EncoderSimilarityFusion"/>,
/// so the cosine of two fused vectors is (1−w)·cos_first + w·cos_second. A text the second encoder cannot read
/// (<paramref name="secondReads"/> false: Chinese for an English model) gets a zero second half and ranks by the first
/// encoder alone. Disposing it leaves both encoders to their owner.
/// </summary>
public sealed class FusedTextEncoder(
    IEmbeddingGenerator<string, Embedding<float>> first,
    IEmbeddingGenerator<string, Embedding<float>> second,
    int secondDimensions,
    double secondWeight,
    string modelId,
    Func<string, bool>? secondReads = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata = new("agentrec-fused", null, modelId);

    /// <summary>The second encoder's weight w in [0, 1].</summary>
    public double SecondWeight { get; } = secondWeight is >= 0 and <= 1
        ? secondWeight
        : throw new ArgumentOutOfRangeException(nameof(secondWeight), secondWeight, "The second encoder's weight must lie in [0, 1].");

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var readable = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (secondReads is null || secondReads(texts[i]))
            {
                readable.Add(i);
            }
        }

        // Both encoders at once: the first is cheap, the second may wait on a batch of other requests' texts.
        var firstTask = first.GenerateAsync(texts, options, cancellationToken);
        var secondTask = readable.Count == 0
            ? Task.FromResult(new GeneratedEmbeddings<Embedding<float>>())
            : second.GenerateAsync(readable.Count == texts.Count ? texts : [.. readable.Select(i => texts[i])], options, cancellationToken);
        await Task.WhenAll(firstTask, secondTask).ConfigureAwait(false);
        var firstVectors = firstTask.Result;
        var secondVectors = secondTask.Result;

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        var next = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var own = firstVectors[i].Vector.Span;
            var read = next < readable.Count && readable[next] == i;
            // An unread text's second half stays zero: its dot product with any item is (1−w)·cos_first, the first encoder's ranking.
            var other = read ? secondVectors[next++].Vector.Span : new float[secondDimensions];
            if (other.Length != secondDimensions)
            {
                throw new InvalidDataException($"The second encoder of {modelId} gave {other.Length} dimensions, not {secondDimensions}.");
            }

            var fused = new float[EncoderSimilarityFusion.Dimensions(own.Length, secondDimensions)];
            EncoderSimilarityFusion.Concatenate(own, other, SecondWeight, fused);
            result.Add(new Embedding<float>(fused) { ModelId = modelId });
        }

        return result;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorHelpers.GetService(this, _metadata, serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
