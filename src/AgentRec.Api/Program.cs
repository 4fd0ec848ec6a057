using AgentRec.Api;
using AgentRec.Api.Endpoints;
using AgentRec.Api.Hubs;
using AgentRec.Api.Limits;
using AgentRec.Api.Mcp;
using AgentRec.Api.Security;

var builder = WebApplication.CreateBuilder(args);
builder.AddAgentRec();            // options, catalog, state store, pipeline, SignalR, problem details

var app = builder.Build();
app.UseAgentRecErrors();          // problem details, chat page, authentication, rate limits
app.MapRecommendationApi();       // REST: /api/recommendations, /api/feedback, /healthz, /readyz
app.MapAdminApi();                // REST: /api/admin/status (role admin)
app.MapAgentRecOpenApi();         // OpenAPI document at /openapi/v1.json (a caller's credentials outside Development)
app.MapHub<RecommendHub>(RecommendHub.Path).RequireAuthorization(SecurityExtensions.CallerPolicy);
app.MapMcp(McpRequestGuard.Path)                // Model Context Protocol tools for other agents
    .RequireCallerWithinLimits(SecurityExtensions.CallerPolicy);
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
