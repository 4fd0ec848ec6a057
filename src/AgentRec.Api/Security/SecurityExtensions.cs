using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AgentRec.Api.Security;

/// <summary>Registers the authentication mode chosen by <c>Auth:Mode</c> and the service's authorization policies.</summary>
public static class SecurityExtensions
{
    /// <summary>Every data endpoint, the hub and MCP: any caller in Anonymous mode, an authenticated one otherwise.</summary>
    public const string CallerPolicy = "caller";

    /// <summary>Operations on the service itself: the role "admin".</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Adds <see cref="AuthOptions"/> (validated at start-up), the API key or JWT scheme, and the policies.</summary>
    public static IHostApplicationBuilder AddAgentRecSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthOptions.SectionName);
        builder.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<CallerIdentity>();

        var configured = new AuthOptions();
        section.Bind(configured);
        var mode = configured.EffectiveMode;
        var authentication = mode switch
        {
            AuthMode.ApiKey => services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName),
            AuthMode.Jwt => services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme),
            _ => services.AddAuthentication(),
        };
        if (mode == AuthMode.ApiKey)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        }
        else if (mode == AuthMode.Jwt)
        {
            authentication.AddJwtBearer(o => ConfigureJwt(o, configured.Jwt));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicy, p => p.RequireAssertion(ctx => mode == AuthMode.Anonymous || ctx.User.Identity?.IsAuthenticated == true))
            .AddPolicy(AdminPolicy, p => p.RequireAssertion(ctx => mode == AuthMode.Anonymous || ctx.User.IsInRole("admin")));
        return builder;
    }

    /// <summary>Maps the OpenAPI document: open in Development, behind <see cref="CallerPolicy"/> everywhere else.</summary>
    public static IEndpointConventionBuilder MapAgentRecOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var document = app.MapOpenApi();
        return app.Environment.IsDevelopment() ? document : document.RequireAuthorization(CallerPolicy);
    }

    private static void ConfigureJwt(JwtBearerOptions options, JwtSettings settings)
    {
        options.Authority = string.IsNullOrEmpty(settings.Authority) ? null : settings.Authority;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            NameClaimType = "sub",
            RoleClaimType = "role",
            IssuerSigningKey = string.IsNullOrEmpty(settings.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)),
        };
        options.Events = new JwtBearerEvents
        {
            // Browser WebSocket clients cannot set headers: the hub accepts the token as the access_token query value.
            OnMessageReceived = ctx =>
            {
                if (ctx.HttpContext.Request.Path.StartsWithSegments(Hubs.RecommendHub.Path) && ctx.Request.Query["access_token"] is { Count: > 0 } token)
                {
                    ctx.Token = token;
                }

                return Task.CompletedTask;
            },
        };
    }
}
