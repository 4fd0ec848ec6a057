using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AgentRec.IntegrationTests.Reliability;

/// <summary>
/// Kills the real service process (SIGKILL) in the middle of a feedback burst, restarts it on the same data folder,
/// checks that every acknowledged feedback survived, then retries every event sent (each carries an event id) and
/// checks that each is stored exactly once.
/// </summary>
public sealed class CrashDurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int Senders = 4;
    private const int AcknowledgementsBeforeKill = 40;

    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_acknowledged_feedback_survives_a_SIGKILL_and_restart_and_retries_are_stored_once()
    {
        var acknowledged = new ConcurrentBag<string>();
        var sent = new ConcurrentBag<string>();
        using (var first = await ServiceProcess.StartAsync(_folder))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            using var enough = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(s => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    var user = $"crash-{s}-{i}";
                    sent.Add(user);
                    HttpResponseMessage response;
                    try
                    {
                        response = await client.PostAsJsonAsync("/api/feedback", Event(user));
                    }
                    catch (HttpRequestException)
                    {
                        return; // the process is gone
                    }

                    using (response)
                    {
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(user);
                            if (acknowledged.Count >= AcknowledgementsBeforeKill)
                            {
                                await enough.CancelAsync();
                            }
                        }
                    }
                }
            })).ToArray();

            await Task.WhenAny(Task.Delay(Timeout.Infinite, enough.Token).ContinueWith(_ => { }, TaskScheduler.Default), Task.WhenAll(senders));
            first.Kill(); // SIGKILL while the senders are still sending
            await Task.WhenAll(senders);
        }

        var storedBeforeRetry = StoredFeedbackCounts(Path.Combine(_folder, "state.db"));
        var retried = 0;
        using (var second = await ServiceProcess.StartAsync(_folder))
        {
            using var client = new HttpClient { BaseAddress = second.Address };
            using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            health.EnsureSuccessStatusCode();

            // A client that never saw its acknowledgement sends the event again, with the same event id; so does one
            // that is unsure. Every event sent is retried here, acknowledged or not.
            foreach (var user in sent.Distinct())
            {
                using var response = await client.PostAsJsonAsync("/api/feedback", Event(user));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                retried++;
            }
        }

        var stored = StoredFeedbackCounts(Path.Combine(_folder, "state.db"));
        output.WriteLine($"acknowledged {acknowledged.Count}, stored after restart {storedBeforeRetry.Count}, acknowledged but lost {acknowledged.Count(u => !storedBeforeRetry.ContainsKey(u))}; "
            + $"stored but not acknowledged {storedBeforeRetry.Keys.Count(u => !acknowledged.Contains(u))}; retried {retried}, stored twice {stored.Values.Count(c => c > 1)}");
        Assert.True(acknowledged.Count >= AcknowledgementsBeforeKill);
        Assert.DoesNotContain(acknowledged, u => !storedBeforeRetry.ContainsKey(u));
        Assert.Equal(sent.Distinct().Order(), stored.Keys.Order());
        Assert.All(stored, s => Assert.Equal(1, s.Value));
    }

    private static object Event(string user) => new { userId = user, itemId = "1", signal = "like", eventId = "evt-" + user };

    // How many feedback rows each crash-test user has.
    private static Dictionary<string, int> StoredFeedbackCounts(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, COUNT(*) FROM interactions WHERE item_id = '1' AND kind = 'like' AND user_id LIKE 'crash-%' GROUP BY user_id";
        using var reader = command.ExecuteReader();
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            users[reader.GetString(0)] = reader.GetInt32(1);
        }

        return users;
    }

    /// <summary>`dotnet AgentRec.Api.dll` on a free loopback port, with its state under one folder.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;

        private ServiceProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ServiceProcess> StartAsync(string folder)
        {
            var port = FreePort();
            var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AgentRec.Api.dll")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["State__DatabasePath"] = Path.Combine(folder, "state.db");
            info.Environment["State__ImportRatingsOnStart"] = "false";
            info.Environment["Catalog__IncludeBooks"] = "false";
            info.Environment["Pipeline__Retriever"] = "lexical"; // durability is the subject; no encoder training
            info.Environment["Ranking__TrainWhenMissing"] = "false";
            info.Environment["Pipeline__WarmupSeconds"] = "0";
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
            var process = Process.Start(info)!;
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    listening.TrySetException(new InvalidOperationException("The service exited before listening:\n" + string.Join('\n', output)));
                    return;
                }

                output.Enqueue(e.Data);
                if (e.Data.Contains("Application started", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    output.Enqueue(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
