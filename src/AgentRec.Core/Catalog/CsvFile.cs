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

    public static StreamReader OpenReader(string path) =>
        new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });

    public int Column(string name) => _columns[name];

    /// <summary>The index of an optional column, or -1 when the header lacks it.</summary>
    public int OptionalColumn(string name) => _columns.TryGetValue(name, out var index) ? index : -1;
}
