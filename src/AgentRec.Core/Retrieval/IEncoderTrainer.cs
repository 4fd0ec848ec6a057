using AgentRec.Core.Catalog;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// Trains the project's own text encoder into a folder, for <see cref="ItemVectorService"/> when the folder holds none;
/// Training implements it, so retrieval depends on this contract and never on the trainer.
/// </summary>
public interface IEncoderTrainer
{
    /// <summary>Trains on <paramref name="catalog"/>, saves the encoder in <paramref name="directory"/> and returns the seconds training took.</summary>
    double TrainAndSave(LoadedCatalog catalog, string directory, ILogger progressLogger, CancellationToken cancellationToken);
}
