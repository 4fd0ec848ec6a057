using Microsoft.Extensions.AI;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// The contract the encoders that embed in-process keep as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>:
/// every vector of <see cref="EncodeForGeneration"/> becomes an embedding of the metadata's model, and the service
/// lookup answers the metadata and the encoder itself.
/// </summary>
public abstract class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private protected LocalEmbeddingGenerator()
    {
    }

    /// <summary>What the encoder reports of itself; its model id names every embedding.</summary>
    private protected abstract EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        EmbeddingGeneratorHelpers.GenerateAsync(EncodeForGeneration, values, Metadata.DefaultModelId, cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorHelpers.GetService(this, Metadata, serviceType, serviceKey);

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>The rows <see cref="GenerateAsync"/> returns, in input order.</summary>
    private protected abstract float[][] EncodeForGeneration(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
