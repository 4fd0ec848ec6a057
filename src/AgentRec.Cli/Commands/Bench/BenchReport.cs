namespace AgentRec.Cli.Commands.Bench;

/// <summary>Markdown output of the benches: each writes its own section of a file, replacing the previous run's.</summary>
internal static class BenchReport
{
    /// <summary>Replaces the section <paramref name="name"/> of <paramref name="path"/> (between its bench markers) with <paramref name="markdown"/>, or appends it.</summary>
    public static void WriteSection(string path, string name, string markdown)
    {
        ArgumentNullException.ThrowIfNull(path);
        var begin = $"<!-- bench:{name} -->";
        var end = $"<!-- /bench:{name} -->";
        var block = begin + "\n" + markdown.TrimEnd() + "\n" + end;
        var text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = from < 0 ? -1 : text.IndexOf(end, from, StringComparison.Ordinal);
        if (from >= 0 && to > from)
        {
            text = string.Concat(text.AsSpan(0, from), block, text.AsSpan(to + end.Length));
        }
        else
        {
            text = text.Length == 0 ? block + "\n" : text.TrimEnd() + "\n\n" + block + "\n";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text);
    }

    /// <summary>A markdown table.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", headers).Append(" |\n|");
        foreach (var _ in headers)
        {
            sb.Append(" --- |");
        }

        sb.Append('\n');
        foreach (var row in rows)
        {
            sb.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        return sb.ToString();
    }

    /// <summary>A number for tables: fixed decimals, invariant culture.</summary>
    public static string F(double value, int decimals = 1) =>
        double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A rounded number for the JSON summary (null when NaN).</summary>
    public static double? J(double value, int decimals = 3) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, decimals);

    /// <summary>The machine line every report starts with.</summary>
    public static string Machine() =>
        $"{Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
