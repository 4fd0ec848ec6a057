namespace AgentRec.Core.Evaluation.Answers;

/// <summary>One case, the answer it got, and the judgement; <paramref name="Error"/> is set when no answer came.</summary>
public sealed record AnswerCaseOutcome(AnswerCase Case, AnswerVerdict Verdict, AnswerReply? Reply, string? Error)
{
    /// <summary>The case's score (0 when it failed).</summary>
    public double Score => Error is null ? Verdict.Score : 0;
}

/// <summary>Mean precision of one group of cases (a language, a kind).</summary>
public sealed record AnswerGroupScore(string Name, int Cases, double Precision, int Zero);

/// <summary>The evaluation of a case file: every outcome and the summary figures.</summary>
public sealed record AnswerEvaluationResult(IReadOnlyList<AnswerCaseOutcome> Outcomes)
{
    /// <summary>Mean score over every case.</summary>
    public double Precision => Mean(Outcomes);

    /// <summary>Mean score over the English cases; null when there are none.</summary>
    public double? PrecisionEn => MeanOrNull(Outcomes.Where(o => !o.Case.IsChinese).ToList());

    /// <summary>Mean score over the Chinese cases (a turn holds CJK text); null when there are none.</summary>
    public double? PrecisionZh => MeanOrNull(Outcomes.Where(o => o.Case.IsChinese).ToList());

    /// <summary>Cases scoring 1.</summary>
    public int Perfect => Outcomes.Count(o => o.Score >= 1);

    /// <summary>Cases scoring 0.</summary>
    public int Zero => Outcomes.Count(o => o.Score <= 0);

    /// <summary>Junk items (under the floor or unknown) over all returned items; 0 when nothing came back.</summary>
    public double JunkRate
    {
        get
        {
            var returned = Outcomes.Sum(o => o.Verdict.Items.Count);
            return returned == 0 ? 0 : (double)Outcomes.Sum(o => o.Verdict.Junk) / returned;
        }
    }

    /// <summary>Cases whose answer was shorter than due (or than minItems).</summary>
    public int ShortAnswers => Outcomes.Count(o => o.Error is null && o.Verdict.IsShort);

    /// <summary>Cases that got no answer (a transport or service error).</summary>
    public int Errors => Outcomes.Count(o => o.Error is not null);

    /// <summary>Precision per kind, for files whose cases name one.</summary>
    public IReadOnlyList<AnswerGroupScore> ByKind => Outcomes
        .GroupBy(o => o.Case.Kind ?? "(none)", StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new AnswerGroupScore(g.Key, g.Count(), Mean(g.ToList()), g.Count(o => o.Score <= 0)))
        .ToList();

    /// <summary>The contract's summary line (shared/ARCHITECTURE.md, Command line).</summary>
    public string ToSummaryJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["cases"] = Outcomes.Count,
        ["precision"] = Round(Precision),
        ["precisionEn"] = PrecisionEn is { } en ? Round(en) : null,
        ["precisionZh"] = PrecisionZh is { } zh ? Round(zh) : null,
        ["perfect"] = Perfect,
        ["zero"] = Zero,
        ["junkRate"] = Round(JunkRate),
        ["short"] = ShortAnswers,
        ["errors"] = Errors,
    });

    private static double Mean(IReadOnlyList<AnswerCaseOutcome> outcomes) => outcomes.Count == 0 ? 0 : outcomes.Average(o => o.Score);

    private static double? MeanOrNull(IReadOnlyList<AnswerCaseOutcome> outcomes) => outcomes.Count == 0 ? null : Mean(outcomes);

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

/// <summary>
/// <c>agentrec eval answers</c>: sends each case's turns to the service in one conversation and judges the last answer
/// against the catalog files (the format and scoring of shared/eval/README.md).
/// </summary>
public static class AnswerEvaluation
{
    /// <summary>Runs every case through <paramref name="source"/> and judges the answers with <paramref name="facts"/>.</summary>
    public static async Task<AnswerEvaluationResult> RunAsync(
        IReadOnlyList<AnswerCase> cases, IAnswerSource source, AnswerFacts facts, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(source);
        var judge = new AnswerJudge(facts);
        var outcomes = new List<AnswerCaseOutcome>(cases.Count);
        foreach (var @case in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"case {outcomes.Count + 1}/{cases.Count}: {@case.Id}"));
            try
            {
                var reply = await source.AskAsync(@case.Turns, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new AnswerCaseOutcome(@case, judge.Judge(@case, reply.ItemIds), reply, null));
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                outcomes.Add(new AnswerCaseOutcome(@case, judge.Judge(@case, []), null, ex.Message));
            }
        }

        return new AnswerEvaluationResult(outcomes);
    }
}
