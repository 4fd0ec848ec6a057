using AgentRec.Core.Training;
using Microsoft.Extensions.Logging;

namespace AgentRec.UnitTests.Training;

public sealed class EncoderProgressLogTests
{
    [Fact]
    public void Logs_the_start_and_one_line_per_tenth_of_the_run_with_percent_epoch_and_loss()
    {
        var logger = new LineLogger();
        var log = new EncoderProgressLog(logger);

        for (var epoch = 1; epoch <= 2; epoch++)
        {
            for (var batch = 1; batch <= 50; batch++)
            {
                log.Report(new EncoderTrainingProgress(epoch, 2, batch, 50, 1.5));
            }
        }

        Assert.Equal(11, logger.Lines.Count);
        Assert.Equal("Training the encoder: 1% (epoch 1/2, loss 1.500)", logger.Lines[0]);
        Assert.Equal("Training the encoder: 10% (epoch 1/2, loss 1.500)", logger.Lines[1]);
        Assert.StartsWith("Training the encoder: 100% (epoch 2/2", logger.Lines[^1], StringComparison.Ordinal);
    }

    /// <summary>Keeps the formatted lines it is given.</summary>
    private sealed class LineLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
