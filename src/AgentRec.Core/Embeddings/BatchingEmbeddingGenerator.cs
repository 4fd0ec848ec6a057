using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace AgentRec.Core.Embeddings;

/// <summary>
/// Gathers texts that concurrent callers want embedded into one encoder run: the first text of a batch waits at most
/// <see cref="QueryBatchingOptions.WindowMs"/> for others, up to <see cref="QueryBatchingOptions.MaxBatch"/>, and the
/// encoder pads the batch under its attention mask, so each caller gets the vector a run of its text alone gives (to
/// float rounding). A caller that is cancelled leaves its batch without failing the others; the queue is bounded.
/// Batch sizes are recorded on <c>agentrec.embedding.batch_size</c>.
/// </summary>
public sealed class BatchingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly Histogram<int> BatchSize =
        AgentRecTelemetry.Meter.CreateHistogram<int>("agentrec.embedding.batch_size", unit: "{text}", description: "Texts embedded in one batched encoder run");

    private readonly Func<IReadOnlyList<string>, CancellationToken, float[][]> _encode;
    private readonly QueryBatchingOptions _options;
    private readonly TimeProvider _time;
    private readonly string? _modelId;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly Channel<Pending> _queue;
    private readonly SemaphoreSlim _runs;
    private readonly CancellationTokenSource _stopping = new();
    private long _batches;
    private long _embedded;

    /// <summary>Batches the calls to <paramref name="encode"/> (texts in, one vector per text out, in order).</summary>
    public BatchingEmbeddingGenerator(
        Func<IReadOnlyList<string>, CancellationToken, float[][]> encode, QueryBatchingOptions options, TimeProvider? timeProvider = null, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(encode);
        ArgumentNullException.ThrowIfNull(options);
        _encode = encode;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _modelId = modelId;
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", null, modelId);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _runs = new SemaphoreSlim(options.MaxConcurrentRuns, options.MaxConcurrentRuns);
        _ = Task.Run(GatherAsync);
    }

    /// <summary>Encoder runs made so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Texts embedded so far (over all runs).</summary>
    public long Embedded => Interlocked.Read(ref _embedded);

    /// <summary>Texts waiting for a run now.</summary>
    public int Queued => _queue.Reader.Count;

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var waits = new Task<float[]>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            waits[i] = EmbedAsync(texts[i], cancellationToken);
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var wait in waits)
        {
            embeddings.Add(new Embedding<float>(await wait.ConfigureAwait(false)) { ModelId = _modelId });
        }

        return embeddings;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorHelpers.GetService(this, _metadata, serviceType, serviceKey);

    /// <summary>Stops gathering; queries still waiting fail with <see cref="ObjectDisposedException"/>. The encoder stays its owner's.</summary>
    public void Dispose()
    {
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        _stopping.Cancel();
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.Result.TrySetException(new ObjectDisposedException(nameof(BatchingEmbeddingGenerator)));
        }
    }

    private async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(text);
        // Cancelling completes this caller's task at once; the batch it may be in runs on for the others.
        using var registration = cancellationToken.Register(static state => ((Pending)state!).Result.TrySetCanceled(), pending);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(BatchingEmbeddingGenerator));
        }

        return await pending.Result.Task.ConfigureAwait(false);
    }

    private async Task GatherAsync()
    {
        var reader = _queue.Reader;
        var stopping = _stopping.Token;
        try
        {
            while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                // A free run slot first: while every slot is busy, arrivals queue up and the next batch takes them all.
                await _runs.WaitAsync(stopping).ConfigureAwait(false);
                var batch = new List<Pending>(_options.MaxBatch);
                TakeQueued(reader, batch);
                if (batch.Count < _options.MaxBatch && _options.WindowMs > 0)
                {
                    await WaitForMoreAsync(reader, batch, stopping).ConfigureAwait(false);
                }

                if (batch.Count == 0)
                {
                    _runs.Release();
                    continue;
                }

                _ = Task.Run(() => Run(batch), CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task WaitForMoreAsync(ChannelReader<Pending> reader, List<Pending> batch, CancellationToken stopping)
    {
        using var window = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.WindowMs), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stopping);
        while (batch.Count < _options.MaxBatch)
        {
            try
            {
                if (!await reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                return;
            }

            TakeQueued(reader, batch);
        }
    }

    private void TakeQueued(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending))
        {
            if (!pending.Result.Task.IsCompleted)
            {
                batch.Add(pending);
            }
        }
    }

    private void Run(List<Pending> batch)
    {
        try
        {
            // Callers cancelled while the batch gathered are left out of the run.
            batch.RemoveAll(p => p.Result.Task.IsCompleted);
            if (batch.Count == 0)
            {
                return;
            }

            var texts = new string[batch.Count];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = batch[i].Text;
            }

            var vectors = _encode(texts, _stopping.Token);
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _embedded, texts.Length);
            BatchSize.Record(texts.Length);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(vectors[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(ex);
            }
        }
        finally
        {
            _runs.Release();
        }
    }

    private sealed class Pending(string text)
    {
        public string Text { get; } = text;

        public TaskCompletionSource<float[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
