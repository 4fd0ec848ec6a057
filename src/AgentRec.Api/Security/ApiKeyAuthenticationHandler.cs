using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace AgentRec.Api.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against <c>Auth:ApiKeys</c> on every interface. On the hub's own paths
/// only (negotiate and the WebSocket, Server-Sent Events and long-polling transports under
/// <see cref="Hubs.RecommendHub.Path"/>), SignalR clients may present the key as their access token instead:
/// <c>Authorization: Bearer</c>, or the <c>access_token</c> query value where a browser cannot set headers. A key in
/// any other URL or Authorization header is ignored, so credentials never need to travel in REST, MCP or admin URLs.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments(Hubs.RecommendHub.Path, StringComparison.OrdinalIgnoreCase))
        {
            string? authorization = Request.Headers.Authorization;
            presented = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? authorization["Bearer ".Length..].Trim()
                : Request.Query["access_token"];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        ApiKeyEntry? match = null;
        foreach (var entry in auth.Value.ApiKeys)
        {
            // Every key is compared in constant time so the answer's timing does not leak a key's prefix.
            if (CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(entry.Key)))
            {
                match = entry;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, match.UserId), new(ClaimTypes.Name, match.UserId) };
        claims.AddRange(match.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
