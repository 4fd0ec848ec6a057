using System.Security.Cryptography;
using System.Text;

namespace AgentRec.Connectors.Qdrant;

/// <summary>
/// Qdrant point ids must be unsigned integers or UUIDs: a record key maps to a name-based (version 5, SHA-1) UUID in a
/// fixed AgentRec namespace, so the same key always lands on the same point. The key itself travels in the payload.
/// </summary>
public static class QdrantPointId
{
    private static readonly Guid Namespace = new("5b0f3c52-8f0e-4a4b-9a57-2f7d0c6a1e33");

    /// <summary>The point id of <paramref name="key"/>.</summary>
    public static Guid FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = Encoding.UTF8.GetBytes(key);
        var buffer = new byte[16 + name.Length];
        Namespace.TryWriteBytes(buffer, bigEndian: true, out _);
        name.CopyTo(buffer, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 name-based v5 UUIDs use; not a security boundary.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
