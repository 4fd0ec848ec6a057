using AgentRec.Core.Retrieval;

namespace AgentRec.UnitTests.Retrieval;

public sealed class ItemVectorFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("agentrec-vec-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Vectors_round_trip_through_the_file()
    {
        var path = Path.Combine(_folder, "v.vec");
        float[] vectors = [1, 2, 3, 4, 5, 6];

        ItemVectorFile.Write(path, "fp", ["x", "y"], vectors, 3);
        var read = ItemVectorFile.Read(path, "fp");

        Assert.NotNull(read);
        Assert.Equal(["x", "y"], read.Value.Keys);
        Assert.Equal(vectors, read.Value.Vectors);
        Assert.Equal(3, read.Value.Dimensions);
    }

    [Fact]
    public void A_stale_fingerprint_reads_as_a_cache_miss()
    {
        var path = Path.Combine(_folder, "v.vec");
        ItemVectorFile.Write(path, "old", ["x"], [1f, 0f], 2);

        Assert.Null(ItemVectorFile.Read(path, "new"));
    }

    [Fact]
    public void A_corrupted_file_is_a_clear_error()
    {
        var path = Path.Combine(_folder, "v.vec");
        ItemVectorFile.Write(path, "fp", ["x"], [1f, 0f], 2);
        var bytes = File.ReadAllBytes(path);
        bytes[^40] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => ItemVectorFile.Read(path, "fp"));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }
}
