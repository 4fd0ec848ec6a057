using System.Security.Cryptography;

namespace AgentRec.Core.Catalog;

/// <summary>A short hash of every item's id and description: the catalog half of the vector cache key and of an encoder's training record.</summary>
public static class CatalogFingerprint
{
    /// <summary>The first 16 hex digits of the SHA-256 over each item's id and description.</summary>
    public static string Of(ItemCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var item in catalog.Items)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(item.Id));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(item.Description));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
