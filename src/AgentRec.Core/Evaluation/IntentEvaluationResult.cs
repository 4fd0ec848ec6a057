namespace AgentRec.Core.Evaluation;

/// <summary>One labelled request: the query and its gold intent, with the line it came from.</summary>
public sealed record IntentExample(string Query, RecommendationIntent Intent, int Line);

/// <summary>One slot an example got wrong, with both values rendered for a table.</summary>
public sealed record IntentMismatch(int Line, string Query, string Slot, string Expected, string Actual);

/// <summary>The parsed intent of one example and the slots it got wrong.</summary>
public sealed record IntentExampleOutcome(IntentExample Example, RecommendationIntent Actual, IReadOnlyList<string> WrongSlots)
{
    /// <summary>True when every evaluated slot equals the gold one.</summary>
    public bool ExactMatch => WrongSlots.Count == 0;
}

/// <summary>
/// The outcome of an intent evaluation: exact match over all slots, accuracy per slot (in <see cref="IntentEvaluation.Slots"/>
/// order), and every mismatch.
/// </summary>
public sealed record IntentEvaluationResult(
    int Examples,
    double ExactMatch,
    IReadOnlyDictionary<string, double> SlotAccuracy,
    IReadOnlyList<IntentMismatch> Mismatches,
    IReadOnlyList<IntentExampleOutcome> Outcomes)
{
    /// <summary>
    /// The summary line of the contract:
    /// <c>{"examples":N,"exactMatch":x,"slotAccuracy":{"action":x,...,"count":x}}</c>, keys in contract order.
    /// </summary>
    public string ToSummaryJson() => SummaryJson.Object(writer =>
    {
        writer.WriteNumber("examples", Examples);
        writer.WriteMetric("exactMatch", ExactMatch);
        writer.WriteStartObject("slotAccuracy");
        foreach (var slot in IntentEvaluation.Slots)
        {
            writer.WriteMetric(slot, SlotAccuracy.TryGetValue(slot, out var v) ? v : 0);
        }

        writer.WriteEndObject();
    });
}
