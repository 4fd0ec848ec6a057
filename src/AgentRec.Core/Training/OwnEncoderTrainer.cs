using AgentRec.Core.Catalog;
using AgentRec.Core.Retrieval;

namespace AgentRec.Core.Training;

/// <summary>Trains the hashed n-gram encoder with the default options, logging progress, and saves it (retrieval's fallback when no encoder is saved).</summary>
public sealed class OwnEncoderTrainer : IEncoderTrainer
{
    /// <inheritdoc />
    public double TrainAndSave(LoadedCatalog catalog, string directory, ILogger progressLogger, CancellationToken cancellationToken)
    {
        var trained = EncoderTrainer.Train(catalog, new EncoderTrainingOptions(), new EncoderProgressLog(progressLogger), cancellationToken);
        trained.Save(directory);
        return trained.Manifest.Metrics?.Seconds ?? 0;
    }
}
