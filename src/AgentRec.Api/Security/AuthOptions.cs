namespace AgentRec.Api.Security;

/// <summary>How callers prove who they are. Section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// "Anonymous" (no identity; any userId is accepted; for local use only, refused in Production), "ApiKey"
    /// (X-Api-Key header, or access_token query for WebSocket clients) or "Jwt" (bearer tokens). Anonymous when unset
    /// outside Production.
    /// </summary>
    [RegularExpression("^(Anonymous|ApiKey|Jwt)$", ErrorMessage = "Auth:Mode must be 'Anonymous', 'ApiKey' or 'Jwt'.")]
    public string? Mode { get; set; }

    /// <summary>The API keys and who each one is.</summary>
    public IList<ApiKeyEntry> ApiKeys { get; } = [];

    /// <summary>Bearer token validation, for <c>Auth:Mode = Jwt</c>.</summary>
    public JwtSettings Jwt { get; set; } = new();

    /// <summary>The mode in force: the configured one, or Anonymous.</summary>
    public AuthMode EffectiveMode => Mode switch
    {
        "ApiKey" => AuthMode.ApiKey,
        "Jwt" => AuthMode.Jwt,
        _ => AuthMode.Anonymous,
    };
}

/// <summary>The authentication modes.</summary>
public enum AuthMode
{
    Anonymous,
    ApiKey,
    Jwt,
}

/// <summary>One API key: the secret, the user id it stands for, and that user's roles (e.g. "admin").</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public IList<string> Roles { get; } = [];
}

/// <summary>Bearer token validation: the issuer, the audience and the symmetric signing key (at least 32 bytes of UTF-8).</summary>
public sealed class JwtSettings
{
    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority whose published keys validate tokens, instead of <see cref="SigningKey"/>.</summary>
    public string? Authority { get; set; }
}
