namespace AgentRec.Core.State;

/// <summary>Counts of what the store holds.</summary>
public sealed record StoreCounts(long Users, long Interactions, long Feedback, long Conversations);

/// <summary>Outcome of an import: rows added and rows that were already there.</summary>
public sealed record ImportResult(int Added, int AlreadyPresent, int Users);
