using System.Collections.Concurrent;
using System.Diagnostics;
using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;
using AgentRec.UnitTests.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentRec.UnitTests.Telemetry;

/// <summary>The spans a request leaves on the AgentRec source: one per pipeline stage under the request's, and the LLM's call under its stage.</summary>
public sealed class PipelineTracingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentrec-tracing-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public PipelineTracingTests()
    {
        Directory.CreateDirectory(_folder);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is AgentRecTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Each_stage_of_a_request_is_one_span_under_the_request_span()
    {
        using var host = await StartAsync();

        var spans = await RunAsync(host, "three comedies from the 90s");

        var request = Assert.Single(spans, s => s.OperationName == "recommend");
        foreach (var stage in (string[])["intent", "retrieve", "rerank", "personalize", "explain"])
        {
            var span = Assert.Single(spans, s => s.OperationName == stage);
            Assert.Equal(request.SpanId, span.ParentSpanId);
        }
    }

    [Fact]
    public async Task The_llm_call_is_a_gen_ai_chat_span_inside_the_intent_stage()
    {
        using var host = await StartAsync(
            ("Pipeline:IntentParser", "llm"),
            ("Llm:ModelPath", TestModels.PathOf(TestModels.LlamaFolder)),
            ("Llm:TimeoutMs", "60000"));

        var spans = await RunAsync(host, "three comedies from the 90s");

        var seen = string.Join("; ", spans.Select(s => $"{s.OperationName} [{string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]"));
        var intent = Assert.Single(spans, s => s.OperationName == "intent");
        var chat = spans.SingleOrDefault(s => s.GetTagItem("gen_ai.operation.name") as string == "chat");
        Assert.True(chat is not null, seen);
        Assert.Equal(intent.SpanId, chat.ParentSpanId);
        Assert.True("tiny-random-llama-fp16".Equals(chat.GetTagItem("gen_ai.response.model")), seen);
        Assert.True(chat.GetTagItem("gen_ai.usage.output_tokens") is int or long);
        Assert.Null(chat.GetTagItem("gen_ai.input.messages"));
    }

    private async Task<IHost> StartAsync(params (string Key, string Value)[] settings)
    {
        return await LexicalPipelineHost.StartAsync(_folder, settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
    }

    // The spans of one request, told apart from other tests' by the trace of a parent span started here.
    private async Task<List<Activity>> RunAsync(IHost host, string message)
    {
        ActivityTraceId trace;
        using (var parent = new Activity("test request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            trace = parent.TraceId;
            var (_, error) = await host.Services.GetRequiredService<RecommendationPipeline>().CollectAsync(new RecommendRequest { Message = message }, CancellationToken.None);
            Assert.Null(error);
        }

        return [.. _stopped.Where(a => a.TraceId == trace)];
    }
}
