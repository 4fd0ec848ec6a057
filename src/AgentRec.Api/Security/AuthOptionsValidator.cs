namespace AgentRec.Api.Security;

/// <summary>Refuses an anonymous service in Production and incomplete key or token settings, naming the key to fix.</summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.EffectiveMode == AuthMode.Anonymous && environment.IsProduction())
        {
            failures.Add("Auth:Mode is Anonymous (or unset) in the Production environment: anyone could act as any user. "
                + "Set Auth:Mode to ApiKey (with Auth:ApiKeys) or Jwt (with Auth:Jwt), or run with ASPNETCORE_ENVIRONMENT=Development for local use.");
        }

        if (options.EffectiveMode == AuthMode.ApiKey)
        {
            if (options.ApiKeys.Count == 0)
            {
                failures.Add("Auth:Mode is ApiKey but Auth:ApiKeys is empty; add entries with Key, UserId and Roles.");
            }

            for (var i = 0; i < options.ApiKeys.Count; i++)
            {
                var entry = options.ApiKeys[i];
                if (entry.Key.Length < 16)
                {
                    failures.Add($"Auth:ApiKeys:{i}:Key must have at least 16 characters.");
                }

                if (RequestIds.Validate(entry.UserId, "userId") is not null || entry.UserId.Length == 0)
                {
                    failures.Add($"Auth:ApiKeys:{i}:UserId must be 1 to {RequestIds.MaxLength} letters, digits or - _ . : @.");
                }
            }

            if (options.ApiKeys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() != options.ApiKeys.Count)
            {
                failures.Add("Auth:ApiKeys holds the same Key twice.");
            }
        }

        if (options.EffectiveMode == AuthMode.Jwt)
        {
            var jwt = options.Jwt;
            if (string.IsNullOrEmpty(jwt.Authority) && Encoding.UTF8.GetByteCount(jwt.SigningKey ?? string.Empty) < 32)
            {
                failures.Add("Auth:Mode is Jwt: set Auth:Jwt:Authority, or Auth:Jwt:SigningKey with at least 32 bytes.");
            }

            if (string.IsNullOrEmpty(jwt.Issuer) || string.IsNullOrEmpty(jwt.Audience))
            {
                failures.Add("Auth:Mode is Jwt: Auth:Jwt:Issuer and Auth:Jwt:Audience are required.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
