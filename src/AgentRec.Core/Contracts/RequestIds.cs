namespace AgentRec.Core.Contracts;

/// <summary>The rules every client-supplied id (user, conversation, feedback event) follows.</summary>
public static class RequestIds
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Checks an optional id: at most <see cref="MaxLength"/> characters of letters, digits, '-', '_', '.', ':' or '@'.</summary>
    public static RecommendationError? Validate(string? id, string name)
    {
        if (id is null)
        {
            return null;
        }

        if (id.Length is 0 or > MaxLength)
        {
            return new RecommendationError(ErrorCodes.InvalidRequest, $"'{name}' must have 1 to {MaxLength} characters.");
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@'))
            {
                return new RecommendationError(ErrorCodes.InvalidRequest, $"'{name}' may hold only letters, digits and - _ . : @.");
            }
        }

        return null;
    }
}
