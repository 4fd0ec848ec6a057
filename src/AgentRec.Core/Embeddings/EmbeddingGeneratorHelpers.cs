using Microsoft.Extensions.AI;

namespace AgentRec.Core.Embeddings;

/// <summary>The parts of <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> every AgentRec encoder implements the same way.</summary>
internal static class EmbeddingGeneratorHelpers
{
    /// <summary>Encodes <paramref name="values"/> with <paramref name="encode"/> and wraps each vector as an embedding of <paramref name="modelId"/>.</summary>
    public static Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        Func<IReadOnlyList<string>, CancellationToken, float[][]> encode, IEnumerable<string> values, string? modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var vectors = encode(values as IReadOnlyList<string> ?? [.. values], cancellationToken);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var v in vectors)
        {
            embeddings.Add(new Embedding<float>(v) { ModelId = modelId });
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The metadata for <see cref="EmbeddingGeneratorMetadata"/>, the generator itself for its own types, else null.</summary>
    public static object? GetService(object generator, EmbeddingGeneratorMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : serviceType.IsInstanceOfType(generator) ? generator : null;
    }
}
