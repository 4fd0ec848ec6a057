namespace AgentRec.Api.Limits;

/// <summary>What one caller may send and how often. Section <c>Limits</c>.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>REST and MCP requests per window for one user (API key or token), or one IP address when anonymous.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Limits:HttpRequestsPerWindow must be between 1 and 1000000.")]
    public int HttpRequestsPerWindow { get; set; } = 600;

    /// <summary>Hub calls (Recommend, Feedback) per window on one connection.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Limits:HubCallsPerConnectionPerWindow must be between 1 and 1000000.")]
    public int HubCallsPerConnectionPerWindow { get; set; } = 120;

    /// <summary>Hub calls per window for one user across all their connections (one IP address when anonymous).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Limits:HubCallsPerUserPerWindow must be between 1 and 1000000.")]
    public int HubCallsPerUserPerWindow { get; set; } = 600;

    /// <summary>The length of a rate-limit window, in seconds.</summary>
    [Range(1, 3600, ErrorMessage = "Limits:WindowSeconds must be between 1 and 3600.")]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>The largest HTTP request body, in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "Limits:MaxRequestBodyBytes must be between 1024 and 67108864.")]
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The largest SignalR message a client may send, in bytes; a larger one closes that connection.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Limits:MaxHubMessageBytes must be between 1024 and 16777216.")]
    public long MaxHubMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Items buffered per streaming call before the server waits for the client.</summary>
    [Range(1, 10_000, ErrorMessage = "Limits:StreamBufferCapacity must be between 1 and 10000.")]
    public int StreamBufferCapacity { get; set; } = 32;
}
