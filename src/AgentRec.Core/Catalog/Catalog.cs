namespace AgentRec.Core.Catalog;

/// <summary>The loaded items of every source, indexed by id; immutable once built.</summary>
public sealed class ItemCatalog
{
    private readonly FrozenDictionary<string, int> _indexById;

    /// <summary>Builds a catalog; ids must be unique across sources.</summary>
    public ItemCatalog(IEnumerable<CatalogItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
        var index = new Dictionary<string, int>(Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < Items.Count; i++)
        {
            if (!index.TryAdd(Items[i].Id, i))
            {
                throw new ArgumentException($"Duplicate item id '{Items[i].Id}'.", nameof(items));
            }
        }

        _indexById = index.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every item, movies first, in source order.</summary>
    public IReadOnlyList<CatalogItem> Items { get; }

    /// <summary>Number of items.</summary>
    public int Count => Items.Count;

    /// <summary>Finds an item by id.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogItem? item)
    {
        if (_indexById.TryGetValue(id, out var i))
        {
            item = Items[i];
            return true;
        }

        item = null;
        return false;
    }

    /// <summary>The dense position of an item id (0..Count-1), or -1 when unknown.</summary>
    public int IndexOf(string id) => _indexById.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Number of items of one domain.</summary>
    public int CountOf(ItemDomain domain)
    {
        var n = 0;
        foreach (var item in Items)
        {
            if (item.Domain == domain)
            {
                n++;
            }
        }

        return n;
    }
}
