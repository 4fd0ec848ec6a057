namespace AgentRec.Core.State;

[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
