namespace AgentRec.Cli.Commands;

/// <summary>The progress bar of a download (data sets, models): its stage, bytes done of the total, and speed.</summary>
internal static class PullProgressBar
{
    /// <summary>Runs <paramref name="pull"/> with a bar named <paramref name="name"/> that follows the progress it reports, full when it ends.</summary>
    public static Task ShowAsync(string name, Func<IProgress<PullProgress>, Task> pull) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(name, maxValue: 1);
                var progress = new Progress<PullProgress>(p =>
                {
                    task.Description = Markup.Escape(p.Stage);
                    if (p.Total is { } total)
                    {
                        task.MaxValue = total;
                    }

                    task.Value = p.Done;
                });
                await pull(progress);
                task.Value = task.MaxValue;
            });
}
