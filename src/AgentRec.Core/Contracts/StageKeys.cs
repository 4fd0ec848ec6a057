namespace AgentRec.Core.Contracts;

/// <summary>Keys of the keyed stage registrations the pipeline asks for beside the stages the options chose.</summary>
public static class StageKeys
{
    /// <summary>The implementation a stage degrades to when the chosen one fails or runs out of time (rules, template).</summary>
    public const string Fallback = "fallback";
}
