using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AgentRec.Core.Retrieval;
using AgentRec.UnitTests.Retrieval.Stores;
using Microsoft.Extensions.VectorData;

namespace AgentRec.Benchmarks;

/// <summary>
/// <c>qdrant-connector</c>: ingest and query throughput and latency of the Qdrant connector (Qdrant.Client over gRPC)
/// against <see cref="FakeQdrantGrpcServer"/>, in process: every message is encoded to protobuf and parsed on the other
/// side, both ways, and the fake answers by a brute-force scan, so sockets, HTTP/2 framing and Qdrant's own engine are
/// outside the measure. The fake times its own side (decoding, answering, encoding), which leaves the client's own time.
/// Last line: one JSON object.
/// </summary>
internal static class QdrantConnectorMeasure
{
    public static async Task<int> RunAsync(string[] args)
    {
        var size = Arg(args, "--size", 10_000);
        var dims = Arg(args, "--dims", 128);
        var queries = Arg(args, "--queries", 300);
        var top = Arg(args, "--top", 200);
        var rounds = Arg(args, "--rounds", 5);
        var batch = Arg(args, "--batch", 256);
        var random = new Random(42);
        var records = Enumerable.Range(0, size).Select(i => new ItemVectorRecord
        {
            Id = "item-" + i.ToString(CultureInfo.InvariantCulture),
            Domain = i % 5 == 0 ? "book" : "movie",
            Year = 1950 + (i % 70),
            Genres = i % 3 == 0 ? ["Drama", "Romance"] : ["Action"],
            Vector = Unit(random, dims),
        }).ToArray();
        var probes = Enumerable.Range(0, queries).Select(_ => Unit(random, dims)).ToArray();
        var filter = new ItemVectorFilter { Domain = "movie", YearFrom = 1960 }.ToExpression();
        var subjects = new (string Name, Func<(VectorStoreCollection<string, ItemVectorRecord> Collection, Func<TimeSpan> ServerBusy)> Open)[]
        {
            ("grpc", () =>
            {
                var server = new FakeQdrantGrpcServer();
                var store = new Connectors.Qdrant.QdrantVectorStore(server, new Connectors.Qdrant.QdrantOptions { UpsertBatchSize = batch });
                return (store.GetItemCollection("bench", dims), () => server.Busy);
            }),
        };

        var results = subjects.ToDictionary(s => s.Name, _ => new Samples());
        for (var round = -1; round < rounds; round++)
        {
            // Round -1 warms up (JIT, pools) and is not counted.
            foreach (var (name, open) in subjects)
            {
                var samples = round < 0 ? new Samples() : results[name];
                var (collection, serverBusy) = open();
                using var disposing = collection;
                await collection.EnsureCollectionExistsAsync();
                var busyBefore = serverBusy();
                var ingest = Stopwatch.StartNew();
                for (var start = 0; start < records.Length; start += batch)
                {
                    var call = Stopwatch.StartNew();
                    await collection.UpsertAsync(new ArraySegment<ItemVectorRecord>(records, start, Math.Min(batch, records.Length - start)));
                    samples.BatchMs.Add(call.Elapsed.TotalMilliseconds);
                }

                samples.IngestSeconds.Add(ingest.Elapsed.TotalSeconds);
                samples.IngestClientSeconds.Add((ingest.Elapsed - (serverBusy() - busyBefore)).TotalSeconds);
                busyBefore = serverBusy();
                var options = new VectorSearchOptions<ItemVectorRecord> { Filter = filter };
                var search = Stopwatch.StartNew();
                foreach (var probe in probes)
                {
                    var call = Stopwatch.StartNew();
                    var hits = 0;
                    await foreach (var _ in collection.SearchAsync(probe, top, options))
                    {
                        hits++;
                    }

                    samples.QueryMs.Add(call.Elapsed.TotalMilliseconds);
                    if (hits != top)
                    {
                        throw new InvalidOperationException($"{name} returned {hits} hits, not {top}");
                    }
                }

                samples.SearchSeconds.Add(search.Elapsed.TotalSeconds);
                samples.SearchClientSeconds.Add((search.Elapsed - (serverBusy() - busyBefore)).TotalSeconds);
                await collection.EnsureCollectionDeletedAsync();
            }
        }

        Console.WriteLine($"{size:N0} records × {dims} dims, upsert batches of {batch}, {queries} queries top {top} with a filter, {rounds} rounds, {Environment.ProcessorCount} cores");
        Console.WriteLine("transport | ingest records/s | upsert batch p50 ms | upsert batch p95 ms | queries/s | query p50 ms | query p95 ms | client-side ingest records/s | client-side ms per query");
        var summary = new Dictionary<string, object>();
        foreach (var (name, s) in results)
        {
            var row = new
            {
                ingestRecordsPerSecond = size / Median(s.IngestSeconds),
                upsertBatchP50Ms = Percentile(s.BatchMs, 0.50),
                upsertBatchP95Ms = Percentile(s.BatchMs, 0.95),
                queriesPerSecond = queries / Median(s.SearchSeconds),
                queryP50Ms = Percentile(s.QueryMs, 0.50),
                queryP95Ms = Percentile(s.QueryMs, 0.95),
                clientIngestRecordsPerSecond = size / Median(s.IngestClientSeconds),
                clientQueryMs = 1000 * Median(s.SearchClientSeconds) / queries,
            };
            summary[name] = row;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name} | {row.ingestRecordsPerSecond:F0} | {row.upsertBatchP50Ms:F2} | {row.upsertBatchP95Ms:F2} | {row.queriesPerSecond:F0} | {row.queryP50Ms:F2} | {row.queryP95Ms:F2} | {row.clientIngestRecordsPerSecond:F0} | {row.clientQueryMs:F2}"));
        }

        Console.WriteLine(JsonSerializer.Serialize(new { size, dims, batch, queries, top, rounds, cores = Environment.ProcessorCount, transports = summary }));
        return 0;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static float[] Unit(Random random, int dims)
    {
        var v = new float[dims];
        var norm = 0.0;
        for (var i = 0; i < dims; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }

        for (var i = 0; i < dims; i++)
        {
            v[i] /= (float)Math.Sqrt(norm);
        }

        return v;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private sealed class Samples
    {
        public List<double> BatchMs { get; } = [];

        public List<double> QueryMs { get; } = [];

        public List<double> IngestSeconds { get; } = [];

        public List<double> SearchSeconds { get; } = [];

        public List<double> IngestClientSeconds { get; } = [];

        public List<double> SearchClientSeconds { get; } = [];
    }
}
