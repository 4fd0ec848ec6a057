using AgentRec.Core.Catalog;
using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Adapter;
using AgentRec.Core.Training;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Evaluation;

/// <summary>
/// The fine-tuned pretrained rows of <see cref="RetrievalEvaluation"/>: a linear adapter trained by
/// <see cref="AdapterTrainer"/> over a frozen pretrained encoder on the training split alone (its item texts and the
/// training users' likes), as <c>agentrec train encoder --base</c> trains one; the item texts already embedded for the
/// plain rows are reused instead of embedded again.
/// </summary>
internal static class PretrainedAdapterRows
{
    /// <summary>Trains the adapter; <paramref name="itemVectors"/> are <paramref name="encoder"/>'s document vectors of the catalog's descriptions, in order.</summary>
    public static LinearAdapter Train(
        ItemCatalog catalog, IReadOnlyList<RatingEvent> ratings, PretrainedTextEncoder encoder, float[][] itemVectors, AdapterTrainingOptions options)
    {
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Count; i++)
        {
            known.TryAdd(catalog.Items[i].Description, itemVectors[i]);
        }

        using var cached = new CachedDocuments(encoder, known);
        // Synchronous by design: an offline command with no synchronisation context, and the trainer's only awaits are the embeddings.
        return AdapterTrainer.TrainAsync(catalog, ratings, cached, options).GetAwaiter().GetResult().Adapter;
    }

    /// <summary>Each row mapped through <paramref name="adapter"/> and normalised, as the service's adapted encoder gives it.</summary>
    public static float[][] Apply(LinearAdapter adapter, float[][] vectors)
    {
        var result = new float[vectors.Length][];
        for (var i = 0; i < vectors.Length; i++)
        {
            result[i] = new float[adapter.OutputDims];
            adapter.Apply(vectors[i], result[i]);
        }

        return result;
    }

    /// <summary>The encoder's document side, with texts already embedded answered from memory.</summary>
    private sealed class CachedDocuments(PretrainedTextEncoder encoder, Dictionary<string, float[]> known) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            EmbeddingGeneratorHelpers.GenerateAsync(Encode, values, encoder.Model.Name, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) => encoder.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }

        private float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            var result = new float[texts.Count][];
            var missing = new List<int>();
            for (var i = 0; i < texts.Count; i++)
            {
                if (known.TryGetValue(texts[i], out var vector))
                {
                    result[i] = vector;
                }
                else
                {
                    missing.Add(i);
                }
            }

            if (missing.Count > 0)
            {
                var encoded = encoder.EncodeDocuments([.. missing.Select(i => texts[i])], cancellationToken);
                for (var m = 0; m < missing.Count; m++)
                {
                    result[missing[m]] = encoded[m];
                }
            }

            return result;
        }
    }
}
