namespace AgentRec.Core.Catalog;

/// <summary>A file of a downloadable data set, with the checksum its unpacked copy must have.</summary>
public sealed record DataSetFile(string Name, long Bytes, string Sha256);

/// <summary>A data set <c>agentrec data pull</c> can fetch: from a zip archive, or file by file from a base address.</summary>
/// <param name="Name">The name users type (movielens, goodbooks).</param>
/// <param name="Folder">Folder name under the cache.</param>
/// <param name="Url">The zip archive, or the base address files are appended to.</param>
/// <param name="IsZip">True when <paramref name="Url"/> is a zip whose entries sit under <paramref name="Folder"/>/.</param>
/// <param name="License">What users agree to by downloading.</param>
/// <param name="Files">The files kept, with their checksums.</param>
public sealed record DataSet(string Name, string Folder, Uri Url, bool IsZip, string License, IReadOnlyList<DataSetFile> Files);

/// <summary>The data sets AgentRec knows how to download, with the checksums of the releases it was built on.</summary>
public static class DataSets
{
    /// <summary>MovieLens ml-latest-small from GroupLens (research use; see its README.txt).</summary>
    public static DataSet MovieLens { get; } = new(
        "movielens",
        CatalogLoader.MovieLensFolderName,
        new Uri("https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"),
        IsZip: true,
        "GroupLens MovieLens usage license (research use, acknowledge Harper & Konstan 2015, no redistribution beyond its terms)",
        [
            new("README.txt", 8_344, "e165937702ae1fac9237b6bd377f03d027f7ef97175d4a04a203e8b12d5516ea"),
            new("links.csv", 197_979, "97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31"),
            new("movies.csv", 494_431, "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07"),
            new("ratings.csv", 2_483_723, "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646"),
            new("tags.csv", 118_660, "92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d"),
        ]);

    /// <summary>goodbooks-10k books and tag names, from the repository of its authors (CC BY-SA 4.0).</summary>
    public static DataSet Goodbooks { get; } = new(
        "goodbooks",
        CatalogLoader.GoodbooksFolderName,
        new Uri("https://raw.githubusercontent.com/zygmuntz/goodbooks-10k/6dd165b555a7b47b2dd36743a425776e641ff50c/"),
        IsZip: false,
        "Creative Commons Attribution-ShareAlike 4.0",
        [
            new("books.csv", 3_286_659, "4d21d0e0433128657c752e3a3d0405ac0ec11675d6c70c64cb0abf4ab1acb76a"),
            new("tags.csv", 722_480, "87f316957564fa21c316a4f50afc87f07906f478f990eec027aaca00c536c449"),
        ]);

    /// <summary>Every known data set.</summary>
    public static IReadOnlyList<DataSet> All { get; } = [MovieLens, Goodbooks];

    /// <summary>Finds a data set by its name, case-insensitively.</summary>
    public static DataSet? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
