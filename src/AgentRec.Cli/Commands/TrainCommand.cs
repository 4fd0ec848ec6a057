using AgentRec.Core.Embeddings;
using AgentRec.Core.Embeddings.Adapter;
using AgentRec.Core.Ranking;
using AgentRec.Core.Training;

namespace AgentRec.Cli.Commands;

/// <summary><c>agentrec train</c>: trains the project's own models on the catalog.</summary>
internal static class TrainCommand
{
    public static Command Create() => new("train", "Train the project's own models on the catalog; they are saved under models/trained/.")
    {
        CreateEncoder(),
        CreateReranker(),
    };

    private static Command CreateReranker()
    {
        var movieLens = CliOptions.MovieLens();
        var output = new Option<DirectoryInfo?>("--output") { Description = "Model folder. Default: models/trained/reranker in the repository." };
        var seed = new Option<int>("--seed") { Description = "Random seed of the pseudo-requests (same seed, same weights).", DefaultValueFactory = _ => 42 };
        var iterations = new Option<int>("--iterations") { Description = "Full-batch gradient steps.", DefaultValueFactory = _ => new RerankerTrainingOptions().Iterations };
        var command = new Command("reranker",
            "Learn the default reranker from the interaction log: pseudo-requests from the items users picked (never their validation or test items), candidates from the real retriever, pairwise logistic loss over request–item features.")
        {
            movieLens, output, seed, iterations,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(iterations) is < 1 or > 100_000)
            {
                return CliFailure.Usage("--iterations must be between 1 and 100000.");
            }

            LoadedCatalog loaded;
            try
            {
                // Movies only: the interaction log the requests are built from is MovieLens.
                var catalogOptions = CliOptions.Catalog(parse, movieLens, null, null, null);
                catalogOptions.IncludeBooks = false;
                loaded = new CatalogLoader(Options.Create(catalogOptions)).Load();
            }
            catch (CatalogLoadException ex)
            {
                return CliFailure.Exit(ex);
            }

            var folder = parse.GetValue(output)?.FullName
                ?? DefaultFolder("reranker");
            RerankerWeights weights;
            try
            {
                weights = await AnsiConsole.Status().StartAsync("Training reranker…", ctx =>
                    RerankerTrainer.TrainAsync(loaded, new RerankerTrainingOptions { Seed = parse.GetValue(seed), Iterations = parse.GetValue(iterations) }, new Progress<string>(s => ctx.Status(Markup.Escape(s))), ct));
            }
            catch (CatalogLoadException ex)
            {
                return CliFailure.Exit(ex);
            }

            var info = weights.Training;
            var table = new Table().AddColumns("ordering of the candidates", "validation NDCG@10");
            foreach (var (name, value) in info.ValidationNdcgAt10)
            {
                table.AddRow(name, value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            var weightTable = new Table().AddColumns("feature", "weight (standardised)");
            for (var k = 0; k < weights.Features.Count; k++)
            {
                weightTable.AddRow(weights.Features[k], weights.Weights[k].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(weightTable);
            var path = weights.Save(folder);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]ok[/] reranker trained in {info.Seconds:F1} s on {info.TrainingRequests} requests ({info.Pairs} pairs, seed {info.Seed}); {info.ValidationRequests} validation requests; saved to {path}");
            return 0;
        });
        return command;
    }

    private static Command CreateEncoder()
    {
        var movieLens = CliOptions.MovieLens();
        var goodbooks = CliOptions.Goodbooks();
        var noBooks = CliOptions.NoBooks();
        var output = new Option<DirectoryInfo?>("--output") { Description = "Model folder. Default: models/trained/encoder in the repository." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => 6 };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same model).", DefaultValueFactory = _ => 42 };
        var baseModel = new Option<DirectoryInfo?>("--base")
        {
            Description = "A pretrained BERT-family encoder folder (model.onnx + vocab.txt, e.g. models/all-minilm-l6-v2 after `agentrec models pull`): train a linear adapter on its frozen output instead of the default encoder. Default output: models/trained/adapter.",
        };
        var pooling = new Option<string>("--pooling") { Description = "Pooling of the base encoder: auto (1_Pooling/config.json, else mean), mean or cls.", DefaultValueFactory = _ => "auto" };
        pooling.AcceptOnlyFromAmong("auto", "mean", "cls");
        var maxTokens = new Option<int>("--max-tokens") { Description = "Longest token sequence fed to the base encoder ([CLS] and [SEP] included); at most its position embeddings.", DefaultValueFactory = _ => 256 };
        var command = new Command("encoder",
            "Train the default text encoder (hashed word and character n-grams, projection, L2 norm) with in-batch InfoNCE on request↔item and co-liked item pairs; export it to ONNX. With --base, train a linear adapter over a pretrained encoder instead.")
        {
            movieLens, goodbooks, noBooks, output, epochs, seed, baseModel, pooling, maxTokens,
        };
        command.SetAction(async (parse, ct) =>
        {
            var epochCount = parse.GetValue(epochs);
            if (epochCount is < 1 or > 100)
            {
                return CliFailure.Usage("--epochs must be between 1 and 100.");
            }

            LoadedCatalog loaded;
            try
            {
                loaded = new CatalogLoader(Options.Create(CliOptions.Catalog(parse, movieLens, goodbooks, noBooks, null))).Load();
            }
            catch (CatalogLoadException ex)
            {
                return CliFailure.Exit(ex);
            }

            if (parse.GetValue(baseModel) is { } baseFolder)
            {
                if (parse.GetValue(maxTokens) is < 8 or > 8192)
                {
                    return CliFailure.Usage("--max-tokens must be between 8 and 8192.");
                }

                return await TrainAdapterAsync(loaded, baseFolder.FullName, parse.GetValue(pooling)!, parse.GetValue(maxTokens), parse.GetValue(output)?.FullName, epochCount, parse.GetValue(seed), ct);
            }

            var folder = parse.GetValue(output)?.FullName
                ?? DefaultFolder("encoder");
            var options = new EncoderTrainingOptions { Epochs = epochCount, Seed = parse.GetValue(seed) };
            var watch = Stopwatch.StartNew();
            TrainedEncoder trained = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("Training encoder", maxValue: 1);
                    var progress = new Progress<EncoderTrainingProgress>(p =>
                    {
                        task.MaxValue = (double)p.Epochs * p.Batches;
                        task.Value = ((double)(p.Epoch - 1) * p.Batches) + p.Batch;
                        task.Description = $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F3}";
                    });
                    trained = EncoderTrainer.Train(loaded, options, progress, CancellationToken.None);
                    task.Value = task.MaxValue;
                });
            trained.Save(folder);
            AnsiConsole.MarkupLineInterpolated($"[green]ok[/] encoder trained in {watch.Elapsed.TotalSeconds:F1} s (seed {options.Seed}, {options.Epochs} epochs) and saved to {folder}");
            return 0;
        });
        return command;
    }

    private static async Task<int> TrainAdapterAsync(LoadedCatalog loaded, string baseFolder, string pooling, int maxTokens, string? output, int epochs, int seed, CancellationToken ct)
    {
        var modelPath = Path.Combine(baseFolder, "model.onnx");
        var vocabPath = Path.Combine(baseFolder, "vocab.txt");
        foreach (var file in new[] { modelPath, vocabPath })
        {
            if (!File.Exists(file))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {baseFolder} has no {Path.GetFileName(file)}: --base takes a BERT-family encoder folder (model.onnx + vocab.txt), e.g. after `agentrec models pull all-minilm-l6-v2`.");
                return 1;
            }
        }

        var textPooling = pooling switch
        {
            "mean" => TextPooling.Mean,
            "cls" => TextPooling.Cls,
            _ => OnnxTextEncoderOptions.DetectPooling(baseFolder),
        };
        OnnxTextEncoder encoder;
        try
        {
            encoder = OnnxTextEncoder.Create(modelPath, vocabPath, new OnnxTextEncoderOptions { Pooling = textPooling, MaxSequenceLength = maxTokens, ModelId = Path.GetFileName(baseFolder) });
        }
        catch (Exception ex) when (ex is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or IOException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {modelPath} could not be opened as an encoder: {ex.Message}");
            return 1;
        }

        using (encoder)
        {
            var folder = output ?? DefaultFolder("adapter");
            var options = new AdapterTrainingOptions { Epochs = epochs, Seed = seed };
            TrainedAdapter trained = null!;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var embedding = ctx.AddTask("Embedding with the base encoder", maxValue: 1);
                    var training = ctx.AddTask("Training the adapter", maxValue: 1);
                    var progress = new Progress<AdapterTrainingProgress>(p =>
                    {
                        var task = p.Phase == "embedding" ? embedding : training;
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                        if (p.Phase == "training")
                        {
                            task.Description = $"epoch {p.Epoch}/{epochs} loss {p.Loss:F3}";
                        }
                    });
                    trained = await AdapterTrainer.TrainAsync(loaded.Catalog, loaded.Ratings, encoder, options, progress, ct);
                    embedding.Value = embedding.MaxValue;
                    training.Value = training.MaxValue;
                });
            Directory.CreateDirectory(folder);
            var manifest = trained.Manifest with
            {
                BaseModel = Path.GetRelativePath(folder, Path.GetFullPath(baseFolder)),
                BaseModelSha256 = AdaptedEncoder.Sha256(modelPath),
                BasePooling = textPooling,
                BaseMaxSequenceLength = maxTokens,
            };
            manifest = (trained with { Manifest = manifest }).Save(folder);
            if (manifest.Validation is { } v)
            {
                AnsiConsole.MarkupLineInterpolated(
                    $"held-out sampled requests ({v.Requests}): recall@10 of their item {v.BaseRecallAt10:F3} with the base encoder → {v.AdaptedRecallAt10:F3} with the adapter");
            }

            AnsiConsole.MarkupLineInterpolated(
                $"[green]ok[/] adapter trained in {manifest.Metrics?.Seconds:F1} s over {baseFolder} ({manifest.InputDims} dims, {textPooling} pooling) and saved to {folder}; serve it with Retrieval:EncoderDirectory={folder}");
            return 0;
        }
    }

    /// <summary>Where a trained model goes without --out: models/trained/<paramref name="name"/> in the repository, or under the current folder outside one.</summary>
    private static string DefaultFolder(string name) =>
        DataPaths.TrainedModelPath(DataPaths.FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), name);
}
