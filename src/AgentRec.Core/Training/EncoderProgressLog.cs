namespace AgentRec.Core.Training;

/// <summary>
/// Reports encoder training in the service's log, one line per tenth of the run, so a first start that trains the
/// default encoder shows where it is (a terminal gets a progress bar from `agentrec train encoder` instead).
/// </summary>
public sealed partial class EncoderProgressLog(ILogger logger) : IProgress<EncoderTrainingProgress>
{
    private int _lastTenth = -1;

    /// <inheritdoc />
    public void Report(EncoderTrainingProgress value)
    {
        var total = Math.Max(1, value.Epochs * value.Batches);
        var done = ((value.Epoch - 1) * value.Batches) + value.Batch;
        var tenth = (int)(10L * done / total);
        if (Interlocked.Exchange(ref _lastTenth, tenth) == tenth)
        {
            return;
        }

        LogProgress(logger, 100 * done / total, value.Epoch, value.Epochs, value.Loss);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training the encoder: {Percent}% (epoch {Epoch}/{Epochs}, loss {Loss:F3})")]
    private static partial void LogProgress(ILogger logger, int percent, int epoch, int epochs, double loss);
}
