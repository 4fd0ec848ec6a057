using System.Diagnostics.Metrics;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// Listens to the pipeline's stage and request duration histograms (the service in this process) and keeps the total
/// time per stage, so a bench can say where a request's server time goes.
/// </summary>
internal sealed class StageRecorder : IDisposable
{
    // Instrument names, not the instruments: the listener sees them while the telemetry type is still initialising.
    private const string StageInstrument = "agentrec.stage.duration";
    private const string RequestInstrument = "agentrec.request.duration";

    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, (double Total, long Count)> _stages = new(StringComparer.Ordinal);

    public StageRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AgentRecTelemetry.Name && instrument.Name is StageInstrument or RequestInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var name = "request";
            foreach (var tag in tags)
            {
                if (tag.Key == "stage" && tag.Value is string stage)
                {
                    name = stage;
                }
            }

            lock (_stages)
            {
                _stages.TryGetValue(name, out var s);
                _stages[name] = (s.Total + value, s.Count + 1);
            }
        });
        _listener.Start();
    }

    /// <summary>Forgets what was recorded so far.</summary>
    public void Reset()
    {
        lock (_stages)
        {
            _stages.Clear();
        }
    }

    /// <summary>Mean milliseconds per occurrence of each stage, and of the whole server-side request ("request").</summary>
    public IReadOnlyList<(string Stage, double MeanMs, long Count)> Means()
    {
        lock (_stages)
        {
            return [.. _stages.Select(kv => (kv.Key, kv.Value.Total / kv.Value.Count, kv.Value.Count)).OrderBy(s => s.Key == "request").ThenBy(s => Order(s.Key))];
        }
    }

    public void Dispose() => _listener.Dispose();

    private static int Order(string stage) => stage switch
    {
        "intent" => 0,
        "retrieve" => 1,
        "rerank" => 2,
        "personalize" => 3,
        "explain" => 4,
        _ => 5,
    };
}
