using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace AgentRec.Core.Retrieval.Hnsw;

/// <summary>
/// The on-disk form: an 8-byte magic, format version, dimensions, node counts, the graph parameters, the entry point,
/// then vectors, levels, tombstones, layer-0 links and upper-layer links, and a SHA-256 of everything before it.
/// Written to a temporary file beside the target and moved over it, so a reader never sees a partial file.
/// </summary>
public sealed partial class HnswIndex
{
    /// <summary>Format version written by <see cref="Save"/>.</summary>
    public const int FileVersion = 1;

    private const int HeaderBytes = 8 + (10 * sizeof(int)) + sizeof(double);
    private const int HashBytes = 32;
    private const int ChunkBytes = 1 << 20;
    private static readonly byte[] FileMagic = "ARHNSW\0\0"u8.ToArray();

    /// <summary>Writes the index to <paramref name="path"/> atomically (temporary file, then move).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var header = new byte[HeaderBytes];
                WriteHeader(header);
                Emit(file, hash, header);
                Emit(file, hash, MemoryMarshal.AsBytes(_vectors.AsSpan(0, Count * Dimensions)));
                Emit(file, hash, _levels.AsSpan(0, Count));
                Emit(file, hash, MemoryMarshal.AsBytes(_removed.AsSpan(0, Count)));
                Emit(file, hash, MemoryMarshal.AsBytes(_links0.AsSpan(0, Count * (_m0 + 1))));
                for (var id = 0; id < Count; id++)
                {
                    if (_levels[id] > 0)
                    {
                        Emit(file, hash, MemoryMarshal.AsBytes(_upper[id].AsSpan()));
                    }
                }

                file.Write(hash.GetHashAndReset());
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Reads an index written by <see cref="Save"/>; later inserts draw levels from <paramref name="random"/>.
    /// A truncated, altered or foreign file throws <see cref="VectorIndexCorruptException"/> and nothing is returned.
    /// </summary>
    public static HnswIndex Load(string path, Random random)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(random);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var header = new byte[HeaderBytes];
            Take(file, hash, header);
            if (!header.AsSpan(0, 8).SequenceEqual(FileMagic))
            {
                throw new VectorIndexCorruptException(path, "not an AgentRec HNSW index (wrong magic bytes)");
            }

            var h = header.AsSpan(8);
            var version = BinaryPrimitives.ReadInt32LittleEndian(h);
            if (version != FileVersion)
            {
                throw new VectorIndexCorruptException(path, $"format version {version}; this build reads version {FileVersion}");
            }

            var dims = BinaryPrimitives.ReadInt32LittleEndian(h[4..]);
            var count = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
            var live = BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
            var m = BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
            var efConstruction = BinaryPrimitives.ReadInt32LittleEndian(h[20..]);
            var efSearch = BinaryPrimitives.ReadInt32LittleEndian(h[24..]);
            var entry = BinaryPrimitives.ReadInt32LittleEndian(h[28..]);
            var maxLevel = BinaryPrimitives.ReadInt32LittleEndian(h[32..]);
            var exactRows = BinaryPrimitives.ReadInt32LittleEndian(h[36..]);
            var exactFraction = BinaryPrimitives.ReadDoubleLittleEndian(h[40..]);
            var expected = (long)count * dims * sizeof(float);
            if (dims < 1 || count < 0 || live < 0 || live > count || m is < 2 or > 100 || efConstruction < 1 || efSearch < 1
                || exactRows < 0 || exactFraction is < 0 or > 1 || double.IsNaN(exactFraction)
                || (count == 0 ? entry != -1 : (uint)entry >= (uint)count) || maxLevel > MaxLevel
                || (long)count * dims > Array.MaxLength || expected > file.Length)
            {
                throw new VectorIndexCorruptException(path, $"header declares impossible values (dims {dims}, count {count}, M {m}, entry {entry}) or more data than the file holds");
            }

            var parameters = new HnswParameters { M = m, EfConstruction = efConstruction, EfSearch = efSearch, ExactFilterFraction = exactFraction, ExactFilterRows = exactRows };
            var index = new HnswIndex(dims, parameters, random, Math.Max(1, count));
            Take(file, hash, MemoryMarshal.AsBytes(index._vectors.AsSpan(0, count * dims)));
            Take(file, hash, index._levels.AsSpan(0, count));
            Take(file, hash, MemoryMarshal.AsBytes(index._removed.AsSpan(0, count)));
            Take(file, hash, MemoryMarshal.AsBytes(index._links0.AsSpan(0, count * (index._m0 + 1))));
            if (MemoryMarshal.AsBytes(index._removed.AsSpan(0, count)).IndexOfAnyExcept((byte)0, (byte)1) >= 0)
            {
                throw new VectorIndexCorruptException(path, "a tombstone flag is neither 0 nor 1");
            }

            var removed = 0;
            for (var id = 0; id < count; id++)
            {
                var level = index._levels[id];
                if (level > maxLevel)
                {
                    throw new VectorIndexCorruptException(path, $"node {id} is on layer {level}, above the top layer {maxLevel}");
                }

                removed += index._removed[id] ? 1 : 0;
                if (level > 0)
                {
                    index._upper[id] = new int[level * (m + 1)];
                    Take(file, hash, MemoryMarshal.AsBytes(index._upper[id].AsSpan()));
                }
            }

            var stored = new byte[HashBytes];
            Take(file, null, stored);
            if (file.Position != file.Length)
            {
                throw new VectorIndexCorruptException(path, $"{file.Length - file.Position} unexpected bytes after the checksum");
            }

            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(stored))
            {
                throw new VectorIndexCorruptException(path, "checksum mismatch (the file was altered or partly written)");
            }

            if (count - removed != live)
            {
                throw new VectorIndexCorruptException(path, $"declares {live} live nodes but holds {count - removed}");
            }

            index.ValidateLinks(path, count, entry, maxLevel);
            index.Count = count;
            index.LiveCount = live;
            index._entry = entry;
            index._maxLevel = count == 0 ? -1 : maxLevel;
            return index;
        }
        catch (EndOfStreamException ex)
        {
            throw new VectorIndexCorruptException(path, "truncated (the file ends before the data its header declares)", ex);
        }
    }

    private static void Emit(FileStream file, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        file.Write(bytes);
    }

    private static void Take(FileStream file, IncrementalHash? hash, Span<byte> into)
    {
        for (var offset = 0; offset < into.Length; offset += ChunkBytes)
        {
            var chunk = into.Slice(offset, Math.Min(ChunkBytes, into.Length - offset));
            file.ReadExactly(chunk);
            hash?.AppendData(chunk);
        }
    }

    private void WriteHeader(Span<byte> header)
    {
        FileMagic.CopyTo(header);
        var h = header[8..];
        BinaryPrimitives.WriteInt32LittleEndian(h, FileVersion);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(h[12..], LiveCount);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], Parameters.M);
        BinaryPrimitives.WriteInt32LittleEndian(h[20..], Parameters.EfConstruction);
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], Parameters.EfSearch);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], _entry);
        BinaryPrimitives.WriteInt32LittleEndian(h[32..], _maxLevel);
        BinaryPrimitives.WriteInt32LittleEndian(h[36..], Parameters.ExactFilterRows);
        BinaryPrimitives.WriteDoubleLittleEndian(h[40..], Parameters.ExactFilterFraction);
    }

    private void ValidateLinks(string path, int count, int entry, int maxLevel)
    {
        for (var id = 0; id < count; id++)
        {
            for (var level = 0; level <= _levels[id]; level++)
            {
                var list = Links(id, level, out var max);
                var n = list[0];
                if ((uint)n > (uint)max)
                {
                    throw new VectorIndexCorruptException(path, $"node {id} declares {n} links on layer {level}");
                }

                foreach (var target in list.Slice(1, n))
                {
                    if ((uint)target >= (uint)count || _levels[target] < level)
                    {
                        throw new VectorIndexCorruptException(path, $"node {id} links to a node that does not exist on layer {level}");
                    }
                }
            }
        }

        if (count > 0 && _levels[entry] != maxLevel)
        {
            throw new VectorIndexCorruptException(path, $"the entry point is not on the top layer {maxLevel}");
        }
    }
}
