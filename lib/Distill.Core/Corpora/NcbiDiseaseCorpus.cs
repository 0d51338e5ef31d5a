namespace Distill.Corpora;

/// <summary>
/// The NCBI Disease corpus (Doğan, Leaman &amp; Lu 2014) shipped in <c>data/ncbi-disease/</c>: 793 PubMed
/// abstracts with 6,892 disease mentions, in the official splits train (NCBItrainset, 593 abstracts),
/// dev (NCBIdevelopset, 100) and test (NCBItestset, 100). All four source types map to <c>disease</c>.
/// PMID 8528200 occurs twice in train in the original release; both copies are kept, as in the
/// official counts, the second with id <c>8528200-2</c> (metadata <c>pmid</c> is the PMID for both).
/// </summary>
public static class NcbiDiseaseCorpus
{
    public const string Name = "ncbi-disease";

    /// <summary>The PubTator file of each split, relative to the corpus folder.</summary>
    public static IReadOnlyDictionary<string, string> SplitFiles { get; } = new Dictionary<string, string>
    {
        [SplitNames.Train] = Path.Combine("original-data", "train", "NCBItrainset_corpus.txt"),
        [SplitNames.Dev] = Path.Combine("original-data", "devel", "NCBIdevelopset_corpus.txt"),
        [SplitNames.Test] = Path.Combine("original-data", "test", "NCBItestset_corpus.txt"),
    };

    /// <summary>The shipped copy, <c>data/ncbi-disease</c> of the checkout.</summary>
    public static string DefaultDirectory => Distill.Runtime.DistillPaths.Default.DataFile(Name);

    /// <summary>Loads all three splits from <paramref name="dir"/> (default: the shipped copy).</summary>
    public static Corpus Load(string? dir = null, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        // Task.Run: blocking on the thread pool cannot deadlock a caller that has a synchronization context (notebooks, UI).
        Task.Run(() => LoadAsync(dir, options, report)).GetAwaiter().GetResult();

    public static async Task<Corpus> LoadAsync(
        string? dir = null, CorpusReadOptions? options = null, CorpusReadReport? report = null, CancellationToken cancellationToken = default)
    {
        dir ??= DefaultDirectory;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"NCBI Disease folder not found: {dir} (expected {string.Join(", ", SplitFiles.Values)} inside).");
        var splits = new Dictionary<string, IReadOnlyList<Document>>();
        foreach (var (split, relative) in SplitFiles)
        {
            var docs = new List<Document>();
            await foreach (var doc in PubTatorReader.ReadAsync(Path.Combine(dir, relative), options, report, cancellationToken))
                docs.Add(doc);
            splits[split] = docs;
        }
        return new Corpus(Name, splits);
    }
}
