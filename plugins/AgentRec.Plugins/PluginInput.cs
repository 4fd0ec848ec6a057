using System.Globalization;
using AgentRec.Core.Contracts;
using AgentRec.Core.Pipeline;

namespace AgentRec.Plugins;

/// <summary>The REST input limits, applied to every plugin function's text and id arguments.</summary>
internal static class PluginInput
{
    /// <summary>Refuses text longer than a request message (<see cref="RecommendRequest.MaxMessageLength"/>) with <c>message_too_long</c>.</summary>
    public static void Text(string? value, string name)
    {
        if (value is { Length: > RecommendRequest.MaxMessageLength })
        {
            throw new AgentRecPluginException(ErrorCodes.MessageTooLong, string.Create(CultureInfo.InvariantCulture,
                $"'{name}' has {value.Length} characters; the limit is {RecommendRequest.MaxMessageLength}."));
        }
    }

    /// <summary>Refuses an id outside the id rules (<see cref="RequestIds.Validate"/>) with <c>invalid_request</c>.</summary>
    public static void Id(string? value, string name)
    {
        if (RequestIds.Validate(value, name) is { } invalid)
        {
            throw new AgentRecPluginException(invalid.Code, invalid.Message);
        }
    }
}
