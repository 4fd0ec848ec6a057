using AgentRec.Api.Diagnostics;
using ModelContextProtocol.Server;

namespace AgentRec.Api.Mcp;

/// <summary>
/// Checks each JSON-RPC message posted to <c>/mcp</c> before the MCP server reads it, and answers what it cannot take
/// with a JSON-RPC error whose message starts with a code of the catalogue (<c>invalid_request: …</c>): a body that is
/// not JSON or is nested deeper than 64 levels (-32700), a method name with control characters or over 128 characters
/// (-32600), text with lone surrogates, which the MCP server cannot re-encode (-32602), and a <c>tools/call</c> whose
/// tool is unknown or whose <c>arguments</c> is not an object (-32602). Each
/// refusal goes to <see cref="ClientErrorLog"/>; none reaches the MCP server's error log.
/// </summary>
internal sealed class McpRequestGuard(RequestDelegate next, ClientErrorLog clientErrors, IOptions<McpServerOptions> server)
{
    /// <summary>Where the MCP endpoint is mapped.</summary>
    public const string Path = "/mcp";

    private const int MaxNameLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.EnableBuffering();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await RefuseAsync(context, null, -32700, "the body is not JSON, or it is nested deeper than 64 levels.").ConfigureAwait(false);
            return;
        }

        using (document)
        {
            if (Check(document.RootElement) is { } refusal)
            {
                await RefuseAsync(context, refusal.Id, refusal.Code, refusal.Reason).ConfigureAwait(false);
                return;
            }
        }

        context.Request.Body.Position = 0;
        await next(context).ConfigureAwait(false);
    }

    private (string? Id, int Code, string Reason)? Check(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("method", out var method))
        {
            return null;
        }

        var id = message.TryGetProperty("id", out var idValue) && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number ? idValue.GetRawText() : null;
        if (HoldsInvalidText(message))
        {
            // The MCP server cannot re-encode such text and would fail the whole message without a code.
            return (id, -32602, "the message holds invalid UTF-16 text (a lone surrogate).");
        }

        if (method.ValueKind != JsonValueKind.String || ReadName(method) is not { } name)
        {
            return (id, -32600, "'method' must be a name of at most 128 printable characters.");
        }

        if (name != "tools/call")
        {
            return null;
        }

        if (!message.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return (id, -32602, "'params' must be an object.");
        }

        if (!parameters.TryGetProperty("name", out var tool) || tool.ValueKind != JsonValueKind.String || ReadName(tool) is not { } toolName)
        {
            return (id, -32602, "'params.name' must be a tool name of at most 128 printable characters.");
        }

        if (server.Value.ToolCollection is { } tools && !tools.Any(t => string.Equals(t.ProtocolTool.Name, toolName, StringComparison.Ordinal)))
        {
            return (id, -32602, $"there is no tool '{LogText.Safe(toolName, 64)}'.");
        }

        if (parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return (id, -32602, "'params.arguments' must be an object.");
        }

        return null;
    }

    private static bool HoldsInvalidText(JsonElement value)
    {
        try
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    _ = value.GetString();
                    return false;
                case JsonValueKind.Array:
                    return value.EnumerateArray().Any(HoldsInvalidText);
                case JsonValueKind.Object:
                    foreach (var property in value.EnumerateObject())
                    {
                        _ = property.Name;
                        if (HoldsInvalidText(property.Value))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    // The name when it is short and printable; null otherwise (control characters, lone surrogates, too long).
    private static string? ReadName(JsonElement value)
    {
        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (text is null || text.Length is 0 or > MaxNameLength)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return null;
            }
        }

        return text;
    }

    private async Task RefuseAsync(HttpContext context, string? id, int code, string reason)
    {
        clientErrors.Refused("mcp", ClientErrorLog.SourceOf(context), ErrorCodes.InvalidRequest, reason);
        if (id is null && code != -32700)
        {
            // A notification gets no answer.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var body = "{\"jsonrpc\":\"2.0\",\"id\":" + (id ?? "null") + ",\"error\":{\"code\":" + code.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"message\":\"" + JsonEncodedText.Encode(ErrorCodes.Format(ErrorCodes.InvalidRequest, reason)).ToString() + "\"}}";
        await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }
}
