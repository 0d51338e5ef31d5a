using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// Resolves what a user passes as gold: a JSONL file in our document format, a PubTator file, or
/// <c>ncbi-disease:&lt;train|dev|test&gt;</c> for a split of the embedded default corpus. PubTator files are read by
/// the corpora stage's <see cref="PubTatorReader"/>, so ids (a repeated PMID gets <c>-2</c>) match the corpus everywhere.
/// </summary>
public static class GoldSource
{
    public const string NcbiDiseasePrefix = "ncbi-disease:";

    /// <summary>The file a gold specification reads (for hashing into the run manifest).</summary>
    public static string ResolvePath(string specification)
    {
        if (!specification.StartsWith(NcbiDiseasePrefix, StringComparison.Ordinal))
            return File.Exists(specification) ? Path.GetFullPath(specification) : throw new FileNotFoundException($"Gold file '{specification}' does not exist.", specification);
        var split = specification[NcbiDiseasePrefix.Length..];
        if (!NcbiDiseaseCorpus.SplitFiles.TryGetValue(split, out var relative))
            throw new ArgumentException($"'{specification}': unknown NCBI Disease split '{split}'; expected one of {string.Join(", ", NcbiDiseaseCorpus.SplitFiles.Keys)}.");
        var candidates = NcbiFolders().Select(folder => Path.Combine(folder, relative)).ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"NCBI Disease split '{split}' not found; looked at: {string.Join(", ", candidates)}.");
    }

    public static async Task<IReadOnlyList<Document>> LoadAsync(string specification, CancellationToken cancellationToken = default)
    {
        var path = ResolvePath(specification);
        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? await JsonlCorpusReader.ReadAsync(path, cancellationToken: cancellationToken).ToListAsync(cancellationToken)
            : await PubTatorReader.ReadAsync(path, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    // The shipped copy under data/ first, then the staged copy beside the checkout (../shared/data).
    static IEnumerable<string> NcbiFolders()
    {
        Distill.Runtime.DistillPaths paths;
        try { paths = Distill.Runtime.DistillPaths.Default; }
        catch (DirectoryNotFoundException) { yield break; }
        yield return paths.DataFile(NcbiDiseaseCorpus.Name);
        yield return Path.Combine(paths.SharedData, NcbiDiseaseCorpus.Name);
    }
}
