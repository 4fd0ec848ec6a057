using AgentRec.Core.Embeddings;
using AgentRec.UnitTests.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AgentRec.UnitTests.Embeddings;

public sealed class BatchingEmbeddingGeneratorTests(PackagedModels models) : IClassFixture<PackagedModels>
{
    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public async Task Concurrent_queries_share_runs_and_each_gets_the_vector_of_its_text_alone(string name)
    {
        using var encoder = PretrainedTextEncoder.Open(models.Manifest.Find(name)!, models.Folder, intraOpThreads: 1);
        string[] queries =
        [
            "a space adventure", "dark heist thriller", "funny romantic comedy set in paris", "war", "documentary about whales",
            "something like heat but newer", "a slow burning mystery in a small town with an unreliable narrator", "anime",
            "feel good family film for christmas", "courtroom drama", "1980s horror", "hidden gem science fiction",
            "books about dragons", "a cookbook", "spy movies", "road trip",
        ];
        var alone = queries.Select(q => encoder.EncodeQueries([q])[0]).ToArray();
        using var batcher = new BatchingEmbeddingGenerator(
            encoder.EncodeQueries, new QueryBatchingOptions { WindowMs = 20, MaxBatch = 8, MaxConcurrentRuns = 1 });

        // Every call is queued before the first is answered, as concurrent requests are.
        var calls = queries.Select(q => batcher.GenerateAsync([q])).ToArray();
        var answers = await Task.WhenAll(calls);

        for (var i = 0; i < queries.Length; i++)
        {
            var vector = Assert.Single(answers[i]).Vector.ToArray();
            Assert.Equal(alone[i].Length, vector.Length);
            for (var d = 0; d < vector.Length; d++)
            {
                Assert.Equal(alone[i][d], vector[d], 1e-4f);
            }
        }

        Assert.Equal(queries.Length, batcher.Embedded);
        Assert.InRange(batcher.Batches, 2, queries.Length / 2);
    }

    [Fact]
    public async Task Queries_that_arrive_while_a_run_is_busy_form_the_next_batch()
    {
        using var encoder = new FakeGatedEncoder();
        using var batcher = new BatchingEmbeddingGenerator(encoder.Encode, new QueryBatchingOptions { WindowMs = 0, MaxBatch = 8, MaxConcurrentRuns = 1 });

        var first = batcher.GenerateAsync(["first"]);
        await encoder.Entered.WaitAsync();
        var rest = Enumerable.Range(0, 6).Select(i => batcher.GenerateAsync(["query " + i])).ToArray();
        encoder.Gate.Release(2);
        await first;
        var answers = await Task.WhenAll(rest);

        Assert.Equal([1, 6], encoder.BatchSizes);
        Assert.Equal(2, batcher.Batches);
        for (var i = 0; i < rest.Length; i++)
        {
            Assert.Equal(("query " + i).Length, Assert.Single(answers[i]).Vector.Span[0]);
        }
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_its_batch_and_the_others_get_their_vectors()
    {
        using var encoder = new FakeGatedEncoder();
        using var batcher = new BatchingEmbeddingGenerator(encoder.Encode, new QueryBatchingOptions { WindowMs = 0, MaxBatch = 8, MaxConcurrentRuns = 1 });
        using var cancel = new CancellationTokenSource();

        var first = batcher.GenerateAsync(["first"]);
        await encoder.Entered.WaitAsync();
        var cancelled = batcher.GenerateAsync(["cancelled"], cancellationToken: cancel.Token);
        var kept = batcher.GenerateAsync(["kept"]);
        var alsoKept = batcher.GenerateAsync(["also kept"]);
        await cancel.CancelAsync();
        encoder.Gate.Release(2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(4f, (await kept)[0].Vector.Span[0]);
        Assert.Equal(9f, (await alsoKept)[0].Vector.Span[0]);
        await first;
        Assert.Equal([1, 2], encoder.BatchSizes);
    }

    [Fact]
    public async Task A_caller_cancelled_inside_a_run_does_not_fail_the_run()
    {
        using var encoder = new FakeGatedEncoder();
        using var batcher = new BatchingEmbeddingGenerator(encoder.Encode, new QueryBatchingOptions { WindowMs = 0, MaxBatch = 8, MaxConcurrentRuns = 1 });
        using var cancel = new CancellationTokenSource();

        var blocker = batcher.GenerateAsync(["blocker"]);
        await encoder.Entered.WaitAsync();
        var cancelled = batcher.GenerateAsync(["cancelled"], cancellationToken: cancel.Token);
        var kept = batcher.GenerateAsync(["kept"]);
        encoder.Gate.Release();
        await blocker;
        await encoder.Entered.WaitAsync(); // the batch of both is in the encoder now
        await cancel.CancelAsync();
        encoder.Gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(4f, (await kept)[0].Vector.Span[0]);
        Assert.Equal([1, 2], encoder.BatchSizes);
    }

    [Fact]
    public async Task A_full_queue_holds_callers_back_and_a_held_caller_can_cancel()
    {
        using var encoder = new FakeGatedEncoder();
        using var batcher = new BatchingEmbeddingGenerator(
            encoder.Encode, new QueryBatchingOptions { WindowMs = 0, MaxBatch = 8, MaxConcurrentRuns = 1, QueueCapacity = 2 });
        using var cancel = new CancellationTokenSource();

        var first = batcher.GenerateAsync(["first"]);
        await encoder.Entered.WaitAsync();
        var queued = new[] { batcher.GenerateAsync(["a"]), batcher.GenerateAsync(["b"]) };
        var held = batcher.GenerateAsync(["held"], cancellationToken: cancel.Token);
        Assert.Equal(2, batcher.Queued);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        encoder.Gate.Release(2);

        await Task.WhenAll(queued);
        await first;
        Assert.Equal([1, 2], encoder.BatchSizes);
    }

    [Fact]
    public async Task An_encoder_failure_fails_only_the_callers_of_that_run()
    {
        using var encoder = new FakeGatedEncoder { FailOn = "bad" };
        using var batcher = new BatchingEmbeddingGenerator(encoder.Encode, new QueryBatchingOptions { WindowMs = 0, MaxBatch = 8, MaxConcurrentRuns = 1 });
        encoder.Gate.Release(2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.GenerateAsync(["bad"]));
        var after = await batcher.GenerateAsync(["good"]);

        Assert.Equal(4f, after[0].Vector.Span[0]);
    }

    [Theory]
    [InlineData(-1.0, 16, 1024, 2, false)]
    [InlineData(51.0, 16, 1024, 2, false)]
    [InlineData(2.0, 0, 1024, 2, false)]
    [InlineData(2.0, 16, 0, 2, false)]
    [InlineData(2.0, 16, 1024, 0, false)]
    [InlineData(0.0, 1, 1, 1, true)]
    [InlineData(2.0, 16, 1024, 2, true)]
    public void Batching_options_are_checked(double windowMs, int maxBatch, int queue, int runs, bool valid)
    {
        var options = new QueryBatchingOptions { WindowMs = windowMs, MaxBatch = maxBatch, QueueCapacity = queue, MaxConcurrentRuns = runs };

        var ok = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    [Fact]
    public async Task A_bad_batching_value_stops_start_up_naming_the_key()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Retrieval:QueryBatching:MaxBatch"] = "0" });
        builder.AddQueryBatching();
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MaxBatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batching_binds_from_its_section()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retrieval:QueryBatching:WindowMs"] = "0.5",
            ["Retrieval:QueryBatching:MaxBatch"] = "32",
        });
        builder.AddQueryBatching();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<QueryBatchingOptions>>().Value;

        Assert.Equal((0.5, 32, true), (options.WindowMs, options.MaxBatch, options.Enabled));
    }

    /// <summary>
    /// A fake encoder (the real ones are tested above) whose every run, once entered, waits for one pass of the gate,
    /// so a test decides when each run ends; a text's vector is its length.
    /// </summary>
    private sealed class FakeGatedEncoder : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly List<int> _sizes = [];

        public SemaphoreSlim Entered { get; } = new(0);

        public SemaphoreSlim Gate { get; } = new(0);

        public string? FailOn { get; init; }

        public int[] BatchSizes
        {
            get
            {
                lock (_lock)
                {
                    return [.. _sizes];
                }
            }
        }

        public float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _sizes.Add(texts.Count);
            }

            Entered.Release();
            Gate.Wait(cancellationToken);
            if (FailOn is { } bad && texts.Contains(bad))
            {
                throw new InvalidOperationException("the encoder failed");
            }

            return [.. texts.Select(t => new float[] { t.Length, 0 })];
        }

        public void Dispose()
        {
            Entered.Dispose();
            Gate.Dispose();
        }
    }
}
