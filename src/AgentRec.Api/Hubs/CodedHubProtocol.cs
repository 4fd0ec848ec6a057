using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace AgentRec.Api.Hubs;

/// <summary>
/// Wraps a hub protocol so that every invocation the server cannot bind fails with a coded hub error
/// (<c>invalid_request: …</c>) and leaves the connection open: arguments of the wrong type or count, text with lone
/// surrogates, and (JSON) arguments nested deeper than the reader's 64 levels, which the framework's own protocol
/// treats as an unreadable message and answers by closing the connection.
/// </summary>
internal sealed class CodedHubProtocol(IHubProtocol inner) : IHubProtocol
{
    private const byte RecordSeparator = 0x1e;

    // The JSON protocol's message types that expect an answer: Invocation and StreamInvocation.
    private const int InvocationType = 1;
    private const int StreamInvocationType = 4;

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var original = input;
        try
        {
            if (!inner.TryParseMessage(ref input, binder, out message))
            {
                return false;
            }
        }
        catch (Exception ex) when (TransferFormat == TransferFormat.Text && ex is InvalidDataException or JsonException
                                   && Salvage(original) is { } salvaged)
        {
            input = salvaged.Remaining;
            message = salvaged.Message;
            return true;
        }

        if (message is InvocationBindingFailureMessage failure && !IsCoded(failure.BindingFailure.SourceException))
        {
            message = Failure(failure.InvocationId, failure.Target, Describe(failure.BindingFailure.SourceException));
        }

        return true;
    }

    /// <summary>Registers every hub protocol already added (JSON, MessagePack) wrapped in this one.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType is not null).ToList();
        foreach (var descriptor in registered)
        {
            services.Remove(descriptor);
            var type = descriptor.ImplementationType!;
            services.AddSingleton<IHubProtocol>(sp => new CodedHubProtocol((IHubProtocol)ActivatorUtilities.CreateInstance(sp, type)));
        }
    }

    private static bool IsCoded(Exception exception) =>
        exception is HubException && exception.Message.StartsWith(ErrorCodes.InvalidRequest + ":", StringComparison.Ordinal);

    private static InvocationBindingFailureMessage Failure(string? invocationId, string target, string reason) =>
        new(invocationId, target, ExceptionDispatchInfo.Capture(new HubException(ErrorCodes.Format(ErrorCodes.InvalidRequest, reason))));

    private static string Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("surrogate", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("UTF-16", StringComparison.Ordinal))
            {
                return "the arguments hold invalid UTF-16 text (a lone surrogate).";
            }

            if (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
            {
                return "the arguments are nested deeper than 64 levels.";
            }
        }

        return exception switch
        {
            JsonException { Path: { Length: > 0 } path } => $"an argument has the wrong type at {LogText.Safe(path, 64)}.",
            HubException or InvalidDataException => "the arguments do not match the method: " + LogText.Safe(exception.Message, 160),
            _ => "the arguments do not match the method's contract.",
        };
    }

    // Moves past the value the reader stands on; returns the deepest level inside it.
    private static int SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return reader.CurrentDepth;
        }

        var start = reader.CurrentDepth;
        var deepest = start;
        while (reader.Read())
        {
            deepest = Math.Max(deepest, reader.CurrentDepth);
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == start)
            {
                break;
            }
        }

        return deepest;
    }

    // The framework could not read this JSON frame. When it is an invocation whose header (type, invocationId, target)
    // can be read, the call fails with a code and the connection carries on with the next frame.
    private static (ReadOnlySequence<byte> Remaining, HubMessage Message)? Salvage(ReadOnlySequence<byte> input)
    {
        if (input.PositionOf(RecordSeparator) is not { } end)
        {
            return null;
        }

        var frame = input.Slice(0, end);
        var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = (int)Math.Min(int.MaxValue, frame.Length + 1) });
        int? type = null;
        string? invocationId = null;
        string? target = null;
        var deepest = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "type" when reader.TokenType == JsonTokenType.Number:
                        type = reader.GetInt32();
                        break;
                    case "invocationId" when reader.TokenType == JsonTokenType.String:
                        invocationId = reader.GetString();
                        break;
                    case "target" when reader.TokenType == JsonTokenType.String:
                        target = reader.GetString();
                        break;
                    default:
                        deepest = Math.Max(deepest, SkipValue(ref reader));
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }

        if (type is not (InvocationType or StreamInvocationType) || target is null)
        {
            return null;
        }

        var reason = deepest >= 64 ? "the arguments are nested deeper than 64 levels." : "the arguments could not be read.";
        return (input.Slice(input.GetPosition(1, end)), Failure(invocationId, target, reason));
    }
}
