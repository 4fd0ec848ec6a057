using System.Security.Cryptography;

namespace AgentRec.Core.Retrieval;

/// <summary>
/// The on-disk form of an item vector index: magic, format version, the fingerprint it was built for
/// (catalog + model), keys, the float matrix, and a SHA-256 of everything before it. Written to a temporary file and
/// renamed, so readers never see a partial file; a truncated or altered file fails with <see cref="InvalidDataException"/>.
/// </summary>
public static class ItemVectorFile
{
    private const int Version = 1;
    private static readonly byte[] Magic = "ARVECS\0\0"u8.ToArray();

    /// <summary>Writes <paramref name="keys"/> and row-major <paramref name="vectors"/> of width <paramref name="dimensions"/>.</summary>
    public static void Write(string path, string fingerprint, IReadOnlyList<string> keys, ReadOnlySpan<float> vectors, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(keys);
        if (vectors.Length != keys.Count * dimensions)
        {
            throw new ArgumentException($"{keys.Count} keys × {dimensions} dims needs {keys.Count * dimensions} floats, got {vectors.Length}.");
        }

        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(fingerprint);
            writer.Write(keys.Count);
            writer.Write(dimensions);
            foreach (var key in keys)
            {
                writer.Write(key);
            }

            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors));
        }

        var hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        using (var file = File.Create(temp))
        {
            file.Write(body.GetBuffer(), 0, (int)body.Length);
            file.Write(hash);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Reads a file written by <see cref="Write"/>. Returns null when its fingerprint differs from
    /// <paramref name="expectedFingerprint"/> (a stale cache); throws <see cref="InvalidDataException"/> when it is corrupt.
    /// </summary>
    public static (string[] Keys, float[] Vectors, int Dimensions)? Read(string path, string? expectedFingerprint)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not an AgentRec vector file.");
        }

        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
        {
            throw new InvalidDataException($"'{path}' is corrupt (checksum mismatch); delete it to rebuild the index.");
        }

        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        if (reader.ReadInt32() != Version)
        {
            throw new InvalidDataException($"'{path}' has an unsupported vector file version.");
        }

        var fingerprint = reader.ReadString();
        if (expectedFingerprint is not null && !string.Equals(fingerprint, expectedFingerprint, StringComparison.Ordinal))
        {
            return null;
        }

        var count = reader.ReadInt32();
        var dims = reader.ReadInt32();
        if (count < 0 || dims <= 0)
        {
            throw new InvalidDataException($"'{path}' declares {count} vectors of {dims} dimensions.");
        }

        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = reader.ReadString();
        }

        var floatBytes = checked(count * dims * sizeof(float));
        if (body.Length - reader.BaseStream.Position != floatBytes)
        {
            throw new InvalidDataException($"'{path}' holds the wrong number of vector bytes.");
        }

        var vectors = new float[count * dims];
        body.Slice((int)reader.BaseStream.Position, floatBytes).CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan()));
        return (keys, vectors, dims);
    }
}
