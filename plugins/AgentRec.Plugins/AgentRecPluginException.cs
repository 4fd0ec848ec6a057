namespace AgentRec.Plugins;

/// <summary>A plugin call the caller can fix (unknown item, bad signal, blank request), with a stable code.</summary>
public sealed class AgentRecPluginException : Exception
{
    public AgentRecPluginException()
    {
        Code = "invalid_request";
    }

    public AgentRecPluginException(string message)
        : base(message)
    {
        Code = "invalid_request";
    }

    public AgentRecPluginException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "invalid_request";
    }

    public AgentRecPluginException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The contract's error code (invalid_request, unknown_item, …).</summary>
    public string Code { get; }
}
