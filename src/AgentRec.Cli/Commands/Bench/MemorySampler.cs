namespace AgentRec.Cli.Commands.Bench;

/// <summary>Samples this process's working set and GC heap once a second while a load runs.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly List<MemorySample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _started = Stopwatch.GetTimestamp();

    public MemorySampler(TimeSpan interval)
    {
        Take();
        _loop = LoopAsync(interval);
    }

    /// <summary>The samples so far, oldest first.</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>One reading now: working set and GC heap in MiB.</summary>
    public static MemorySample Read(double seconds)
    {
        using var process = Process.GetCurrentProcess();
        return new MemorySample(seconds, process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }

    /// <summary>Stops sampling after one last reading.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        Take();
        _stop.Dispose();
    }

    /// <summary>Least-squares trend of the working set and GC heap over the samples, in MiB per minute.</summary>
    public (double WorkingSetPerMinute, double HeapPerMinute) Trend()
    {
        var samples = Samples;
        var t = new double[samples.Count];
        var ws = new double[samples.Count];
        var heap = new double[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            t[i] = samples[i].Seconds / 60;
            ws[i] = samples[i].WorkingSetMiB;
            heap[i] = samples[i].GcHeapMiB;
        }

        return (BenchStatistics.Slope(t, ws), BenchStatistics.Slope(t, heap));
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            Take();
        }
    }

    private void Take()
    {
        var sample = Read(Stopwatch.GetElapsedTime(_started).TotalSeconds);
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }
}

/// <summary>One memory reading, <paramref name="Seconds"/> after sampling started.</summary>
internal sealed record MemorySample(double Seconds, double WorkingSetMiB, double GcHeapMiB);
