using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentRec.Api.Security;

/// <summary>
/// Holds an MCP tool's <c>user_id</c> argument to the caller's identity: filled from it when omitted, refused with
/// <c>forbidden</c> when it names another user.
/// </summary>
internal sealed class OwnedMcpTool(McpServerTool inner) : DelegatingMcpServerTool(inner)
{
    private const string UserIdArgument = "user_id";

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = request.Services?.GetService<CallerIdentity>();
        var takesUser = ProtocolTool.InputSchema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(UserIdArgument, out _);
        if (identity is null || identity.Mode == AuthMode.Anonymous || !takesUser || request.Params is null)
        {
            return base.InvokeAsync(request, cancellationToken);
        }

        string? requested = null;
        if (request.Params.Arguments is { } args && args.TryGetValue(UserIdArgument, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            try
            {
                requested = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
            catch (InvalidOperationException)
            {
                return ValueTask.FromResult(Refusal(ErrorCodes.InvalidRequest, "'user_id' holds invalid UTF-16 text (a lone surrogate)."));
            }
        }

        var (userId, error) = identity.Resolve(request.User, requested);
        if (error is not null)
        {
            return ValueTask.FromResult(Refusal(error.Code, error.Message));
        }

        using var encoded = JsonDocument.Parse("\"" + JsonEncodedText.Encode(userId!).ToString() + "\"");
        var arguments = new Dictionary<string, JsonElement>(request.Params.Arguments ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal)
        {
            [UserIdArgument] = encoded.RootElement.Clone(),
        };
        request.Params.Arguments = arguments;
        return base.InvokeAsync(request, cancellationToken);
    }

    private static CallToolResult Refusal(string code, string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = ErrorCodes.Format(code, message) }] };
}
