namespace AgentRec.Core.Catalog;

/// <summary>Opens a CSV file of a source folder, checks its header, and hands out rows with their line numbers.</summary>
internal sealed class CsvFile
{
    private readonly Dictionary<string, int> _columns;

    private CsvFile(string path, IReadOnlyList<string> header, IEnumerable<CsvRow> rows)
    {
        Path = path;
        Name = System.IO.Path.GetFileName(path);
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            _columns.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        }

        Rows = rows;
        ColumnCount = header.Count;
    }

    public string Path { get; }

    public string Name { get; }

    public int ColumnCount { get; }

    public IEnumerable<CsvRow> Rows { get; }

    /// <summary>Opens <paramref name="path"/> and requires the named columns; the reader stays open while rows are enumerated.</summary>
    public static CsvFile Open(string path, TextReader reader, params string[] requiredColumns)
    {
        var rows = CsvRows.Read(reader, out var header);
        var file = new CsvFile(path, header, rows);
        var missing = requiredColumns.Where(c => !file._columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new CatalogLoadException(
                $"{file.Name}:1: header lacks column(s) {string.Join(", ", missing)} (found: {string.Join(",", header)}).");
        }

        return file;
    }

    /// <summary>
    /// The well-formed rows of the source file at <paramref name="path"/>, none when it does not exist (a loader that
    /// requires the file checks for it first); a malformed row is reported to <paramref name="issues"/> and passed over.
    /// The header must hold <paramref name="columns"/>, whose values each record gives by position (<c>record[0]</c> is
    /// the first column asked for).
    /// </summary>
    public static IEnumerable<CsvRecord> ReadRows(string path, ICollection<CatalogLoadIssue> issues, params string[] columns)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        using var reader = OpenReader(path);
        var file = Open(path, reader, columns);
        var indexes = Array.ConvertAll(columns, file.Column);
        foreach (var row in file.Rows)
        {
            if (file.Check(row, issues))
            {
                yield return new CsvRecord(file.Name, row.Line, row.Fields, indexes);
            }
        }
    }

    public static StreamReader OpenReader(string path) =>
        new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });

    public int Column(string name) => _columns[name];

    /// <summary>The index of an optional column, or -1 when the header lacks it.</summary>
    public int OptionalColumn(string name) => _columns.TryGetValue(name, out var index) ? index : -1;

    /// <summary>True for a row that was read and has a field per column; otherwise the row is reported to <paramref name="issues"/>.</summary>
    public bool Check(CsvRow row, ICollection<CatalogLoadIssue> issues)
    {
        if (row.Error is not null)
        {
            issues.Add(new CatalogLoadIssue(Name, row.Line, row.Error));
            return false;
        }

        if (row.Fields.Count != ColumnCount)
        {
            issues.Add(new CatalogLoadIssue(Name, row.Line, $"expected {ColumnCount} fields, found {row.Fields.Count}"));
            return false;
        }

        return true;
    }
}

/// <summary>A well-formed row of a source file (<see cref="CsvFile.ReadRows"/>): the values of the columns asked for, by position.</summary>
internal readonly struct CsvRecord(string file, int line, IReadOnlyList<string> fields, int[] columns)
{
    /// <summary>The value of the <paramref name="column"/>-th column asked for, as written.</summary>
    public string this[int column] => fields[columns[column]];

    /// <summary>A load issue about this row.</summary>
    public CatalogLoadIssue Issue(string message) => new(file, line, message);
}
