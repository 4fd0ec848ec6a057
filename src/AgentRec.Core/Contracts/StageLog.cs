namespace AgentRec.Core.Contracts;

/// <summary>
/// The one log event of a part of the service that could not do its work (it failed, ran out of time, or found its
/// model, file or output unusable) and handed the work to its fallback: operators alert on <see cref="FellBackEventId"/>.
/// </summary>
public static partial class StageLog
{
    /// <summary>The event id of <see cref="FellBack"/>, the same wherever a stage falls back.</summary>
    public const int FellBackEventId = 1000;

    /// <summary>
    /// <paramref name="stage"/> (a pipeline stage by its span name: intent, retrieve, rerank, personalize, explain; or a
    /// part they run on: encoder, llm, warm-up) handed its work to <paramref name="fallback"/> because of
    /// <paramref name="reason"/>, with the <paramref name="exception"/> behind it if any.
    /// </summary>
    [LoggerMessage(EventId = FellBackEventId, EventName = "StageFellBack", Level = LogLevel.Warning, Message = "Stage {Stage} fell back to {Fallback}: {Reason}")]
    public static partial void FellBack(this ILogger logger, string stage, string fallback, string reason, Exception? exception = null);
}
