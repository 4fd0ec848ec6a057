namespace AgentRec.UnitTests.Llm;

/// <summary>A temporary folder deleted on dispose; <see cref="CopyOf"/> copies a model folder so a test can break it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentrec-llm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public static TempFolder CopyOf(string source)
    {
        var folder = new TempFolder();
        foreach (var file in Directory.GetFiles(source))
        {
            var target = System.IO.Path.Combine(folder.Path, System.IO.Path.GetFileName(file));
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }

        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
