using Microsoft.AspNetCore.SignalR.Client;

namespace AgentRec.Cli.Commands.Bench;

/// <summary>What one load run measured: latencies in milliseconds from sending a request to its first event and to <c>done</c>.</summary>
internal sealed record LoadResult(
    int Clients, double Seconds, int Requests, int Errors, double RequestsPerSecond, double CpuMsPerRequest, LatencySummary FirstEvent, LatencySummary Done, IReadOnlyList<string> ErrorSamples)
{
    /// <summary>The offered rate of an open-loop run (requests per second over all clients); null for back-to-back clients.</summary>
    public double? OfferedRate { get; init; }

    /// <summary>Seconds of back-to-back warm-up before the clock started.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Methods this process's JIT compiled during the measured run: near zero once the code has reached its optimised tier.</summary>
    public long JitCompiledDuringRun { get; init; }
}

/// <summary>
/// How long the clients warm up back to back before the clock starts: at least <paramref name="MinSeconds"/>, then, when
/// <paramref name="UntilJitQuiet"/>, until this process's JIT goes quiet (<see cref="Core.Hosting.JitQuietWindow"/>) (the service hosted in-process: its hot code has been recompiled at the optimised tier, with
/// profile guidance, instead of being measured on the way there), but no longer than <paramref name="MaxSeconds"/>.
/// </summary>
internal sealed record WarmUp(double MinSeconds, double MaxSeconds, bool UntilJitQuiet)
{
    /// <summary>Two requests per client, no timed warm-up (a remote service that keeps its rate limits).</summary>
    public static WarmUp None { get; } = new(0, 0, UntilJitQuiet: false);
}

/// <summary>
/// N real SignalR clients (JSON protocol), each calling <c>Recommend</c> with the <see cref="BenchRequests"/> mix until
/// the time is up: back to back (closed loop), or, given a rate, on a fixed schedule (open loop: the clients' send
/// times are spread evenly over the rate; a request is timed from its scheduled send time, so one that waits for its
/// client's previous answer counts that wait, and a slow server cannot hide its queueing by slowing the clients down).
/// Every client connects and warms up before the clock starts.
/// </summary>
internal static class LoadGenerator
{
    private const int WarmupRequestsPerClient = 2;

    public static async Task<LoadResult> RunAsync(
        Uri baseUrl, int clients, TimeSpan duration, int seed, CancellationToken cancellationToken, double? rate = null, WarmUp? warmUp = null, Action? measuring = null)
    {
        warmUp ??= WarmUp.None;
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        var hubUrl = new Uri(baseUrl, "/hubs/recommend");
        var connections = new HubConnection[clients];
        try
        {
            for (var i = 0; i < clients; i++)
            {
                connections[i] = new HubConnectionBuilder().WithUrl(hubUrl).Build();
            }

            await Task.WhenAll(connections.Select(c => c.StartAsync(cancellationToken))).ConfigureAwait(false);
            var workers = new ClientWorker[clients];
            for (var i = 0; i < clients; i++)
            {
                workers[i] = new ClientWorker(connections[i], i, new Random(seed + i));
            }

            // Warm up: two requests each, then back to back for as long as warmUp says, so the JIT's tiering and the caches
            // settle before the clock starts.
            var warmStarted = Stopwatch.GetTimestamp();
            using (var warm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var warming = Task.WhenAll(workers.Select(w => w.WarmUpAsync(WarmupRequestsPerClient, warm.Token, cancellationToken)));
                await WaitUntilWarmAsync(warmUp, cancellationToken).ConfigureAwait(false);
                await warm.CancelAsync().ConfigureAwait(false);
                await warming.ConfigureAwait(false);
            }

            var warmupSeconds = Stopwatch.GetElapsedTime(warmStarted).TotalSeconds;
            measuring?.Invoke();
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            if (rate is { } r)
            {
                // Client i sends at started + (i + k·clients) / rate: together, one request every 1/rate seconds.
                var step = Stopwatch.Frequency / r;
                await Task.WhenAll(workers.Select((w, i) => w.RunPacedAsync(started, (long)(i * step), (long)(clients * step), deadline, cancellationToken))).ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAll(workers.Select(w => w.RunAsync(deadline, cancellationToken))).ConfigureAwait(false);
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;

            var first = new List<double>();
            var done = new List<double>();
            var errors = 0;
            var samples = new List<string>();
            foreach (var w in workers)
            {
                first.AddRange(w.FirstEvent);
                done.AddRange(w.Done);
                errors += w.Errors;
                foreach (var s in w.ErrorSamples)
                {
                    if (samples.Count < 5 && !samples.Contains(s))
                    {
                        samples.Add(s);
                    }
                }
            }

            return new LoadResult(clients, seconds, done.Count, errors, done.Count / seconds, done.Count == 0 ? double.NaN : cpu / (done.Count + errors), LatencySummary.From(first), LatencySummary.From(done), samples)
            {
                OfferedRate = rate,
                WarmupSeconds = warmupSeconds,
                JitCompiledDuringRun = jitted,
            };
        }
        finally
        {
            foreach (var c in connections)
            {
                if (c is not null)
                {
                    await c.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task WaitUntilWarmAsync(WarmUp warmUp, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (warmUp.MinSeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(warmUp.MinSeconds), cancellationToken).ConfigureAwait(false);
        }

        var jit = new Core.Hosting.JitQuietWindow();
        while (warmUp.UntilJitQuiet && Stopwatch.GetElapsedTime(started).TotalSeconds < warmUp.MaxSeconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            if (jit.WentQuiet())
            {
                return;
            }
        }
    }

    private sealed class ClientWorker(HubConnection connection, int index, Random random)
    {
        private string? _conversationId;

        public List<double> FirstEvent { get; } = [];

        public List<double> Done { get; } = [];

        public List<string> ErrorSamples { get; } = [];

        public int Errors { get; private set; }

        public async Task WarmUpAsync(int requests, CancellationToken warm, CancellationToken cancellationToken)
        {
            for (var i = 0; i < requests || !warm.IsCancellationRequested; i++)
            {
                await SendAsync(record: false, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task RunAsync(long deadline, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                await SendAsync(record: true, cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task RunPacedAsync(long started, long offset, long interval, long deadline, CancellationToken cancellationToken)
        {
            for (var scheduled = started + offset; scheduled < deadline && !cancellationToken.IsCancellationRequested; scheduled += interval)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                await SendAsync(record: true, cancellationToken, scheduled).ConfigureAwait(false);
            }
        }

        private async Task SendAsync(bool record, CancellationToken cancellationToken, long? scheduled = null)
        {
            var request = BenchRequests.Next(random, index, _conversationId);
            var sent = scheduled ?? Stopwatch.GetTimestamp();
            double? first = null;
            string? error = null;
            var completed = false;
            try
            {
                // A token of this request's own, disposed when it ends: the client registers on the token it is given,
                // and registrations on the run's long-lived token would pile up, one per request.
                using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await foreach (var e in connection.StreamAsync<RecommendationEvent>("Recommend", request, call.Token).ConfigureAwait(false))
                {
                    first ??= Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    if (e.Type == RecommendationEventTypes.Done)
                    {
                        completed = true;
                        _conversationId = e.ConversationId;
                    }
                    else if (e.Type == RecommendationEventTypes.Error)
                    {
                        error = $"{e.Error?.Code}: {e.Error?.Message}";
                        _conversationId = null;
                    }
                }
            }
            catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or IOException or HttpRequestException)
            {
                error = ex.GetType().Name + ": " + ex.Message;
                _conversationId = null;
            }

            var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (!record)
            {
                return;
            }

            if (error is not null || !completed)
            {
                Errors++;
                ErrorSamples.Add(error ?? "the stream ended without a done event");
                return;
            }

            FirstEvent.Add(first ?? elapsed);
            Done.Add(elapsed);
        }
    }
}
