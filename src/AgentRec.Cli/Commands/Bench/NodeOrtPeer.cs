namespace AgentRec.Cli.Commands.Bench;

/// <summary>
/// One long-lived onnxruntime-node process (bench/node/encoder-bench.mjs) that loads batches of token ids and runs
/// them for a given time on command, so its rounds can alternate with the in-process ones under the same machine load.
/// </summary>
internal sealed class NodeOrtPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private NodeOrtPeer(Process process) => _process = process;

    /// <summary>Starts the peer, or returns why it cannot run here.</summary>
    public static async Task<(NodeOrtPeer? Peer, string Note)> StartAsync(CancellationToken ct)
    {
        var root = DataPaths.FindRepositoryRoot();
        var script = root is null ? null : Path.Combine(root, "bench", "node", "encoder-bench.mjs");
        if (script is null || !File.Exists(script))
        {
            return (null, "onnxruntime-node not measured: bench/node/encoder-bench.mjs not found (run from the repository)");
        }

        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "onnxruntime-node")))
        {
            return (null, "onnxruntime-node not measured: it is not installed; run `npm ci` in bench/node");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"onnxruntime-node not measured: cannot start node ({ex.Message})");
        }

        var peer = new NodeOrtPeer(process);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (peer._stderr)
            {
                peer._stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var hello = await peer.ReadAsync(ct);
        if (hello?["onnxruntimeNode"]?.GetValue<string>() is not { } version)
        {
            var why = peer.Errors();
            await peer.DisposeAsync();
            return (null, $"onnxruntime-node failed to start: {why}");
        }

        return (peer, "onnxruntime-node " + version);
    }

    /// <summary>Opens <paramref name="model"/> (once per file) and keeps <paramref name="groups"/> as the batches of <paramref name="name"/>; three run unmeasured.</summary>
    public async Task LoadAsync(string name, string model, JsonArray groups, JsonArray? types, CancellationToken ct)
    {
        var command = new JsonObject { ["op"] = "load", ["name"] = name, ["model"] = model, ["groups"] = groups };
        if (types is not null)
        {
            command["types"] = types;
        }

        await AskAsync(command, ct);
    }

    /// <summary>Runs the batches of <paramref name="name"/> back to back for <paramref name="seconds"/>: rows run, wall seconds and the peer's CPU seconds.</summary>
    public async Task<(int Items, double Seconds, double CpuSeconds)> RunAsync(string name, double seconds, CancellationToken ct)
    {
        var answer = await AskAsync(new JsonObject { ["op"] = "run", ["name"] = name, ["seconds"] = seconds }, ct);
        return (answer["items"]!.GetValue<int>(), answer["seconds"]!.GetValue<double>(), answer["cpuSeconds"]!.GetValue<double>());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    private async Task<JsonNode> AskAsync(JsonObject command, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(command.ToJsonString().AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        var answer = await ReadAsync(ct) ?? throw new InvalidOperationException($"onnxruntime-node ended: {Errors()}");
        if (answer["error"]?.GetValue<string>() is { } error)
        {
            throw new InvalidOperationException($"onnxruntime-node: {error}");
        }

        return answer;
    }

    private async Task<JsonNode?> ReadAsync(CancellationToken ct)
    {
        while (await _process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith('{'))
            {
                try
                {
                    return JsonNode.Parse(line);
                }
                catch (JsonException)
                {
                    // A line of the runtime's own logging that happens to start with a brace.
                }
            }
        }

        return null;
    }

    private string Errors()
    {
        lock (_stderr)
        {
            return _stderr.ToString().Trim();
        }
    }
}
