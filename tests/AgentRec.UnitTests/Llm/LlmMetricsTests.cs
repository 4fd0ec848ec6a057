using System.Diagnostics.Metrics;
using AgentRec.Core.Llm;

namespace AgentRec.UnitTests.Llm;

[Collection(TestModelsCollection.Name)]
public sealed class LlmMetricsTests(TestModels models)
{
    [Fact]
    public async Task A_generation_reports_its_tokens_and_decode_rate_tagged_with_the_model()
    {
        var tokens = 0L;
        var rates = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AgentRec" && instrument.Name.StartsWith("agentrec.llm.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (IsModel(tags, models.Gpt2.Name))
            {
                Interlocked.Add(ref tokens, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (IsModel(tags, models.Gpt2.Name))
            {
                lock (rates)
                {
                    rates.Add(value);
                }
            }
        });
        listener.Start();

        var text = "";
        await foreach (var piece in models.Gpt2.GenerateAsync("Recommend a film", new GenerationSettings { MaxNewTokens = 8 }))
        {
            text += piece;
        }

        Assert.InRange(Interlocked.Read(ref tokens), 1, 8);
        Assert.Single(rates);
        Assert.True(rates[0] > 0);
    }

    private static bool IsModel(ReadOnlySpan<KeyValuePair<string, object?>> tags, string model)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "model" && Equals(tag.Value, model))
            {
                return true;
            }
        }

        return false;
    }
}
