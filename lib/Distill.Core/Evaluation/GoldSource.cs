using System.Text;
using Distill.Corpora;

namespace Distill.Evaluation;

/// <summary>
/// Resolves what a user passes as gold: a JSONL file in our document format, a PubTator file, or
/// <c>ncbi-disease:&lt;train|dev|test&gt;</c> for a split of the embedded default corpus.
/// </summary>
public static class GoldSource
{
    public const string NcbiDiseasePrefix = "ncbi-disease:";

    static readonly Dictionary<string, string> NcbiSplitFiles = new(StringComparer.Ordinal)
    {
        [SplitNames.Train] = Path.Combine("original-data", "train", "NCBItrainset_corpus.txt"),
        [SplitNames.Dev] = Path.Combine("original-data", "devel", "NCBIdevelopset_corpus.txt"),
        [SplitNames.Test] = Path.Combine("original-data", "test", "NCBItestset_corpus.txt"),
    };

    /// <summary>The file a gold specification reads (for hashing into the run manifest).</summary>
    public static string ResolvePath(string specification)
    {
        if (!specification.StartsWith(NcbiDiseasePrefix, StringComparison.Ordinal))
            return File.Exists(specification) ? Path.GetFullPath(specification) : throw new FileNotFoundException($"Gold file '{specification}' does not exist.", specification);
        var split = specification[NcbiDiseasePrefix.Length..];
        if (!NcbiSplitFiles.TryGetValue(split, out var relative))
            throw new ArgumentException($"'{specification}': unknown NCBI Disease split '{split}'; expected one of {string.Join(", ", NcbiSplitFiles.Keys)}.");
        var candidates = NcbiFolders().Select(folder => Path.Combine(folder, relative)).ToArray();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"NCBI Disease split '{split}' not found; looked at: {string.Join(", ", candidates)}.");
    }

    public static async Task<IReadOnlyList<Document>> LoadAsync(string specification, CancellationToken cancellationToken = default)
    {
        var path = ResolvePath(specification);
        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? await DocumentJsonl.ReadAsync(path, cancellationToken)
            : await PubTatorGold.ReadAsync(path, cancellationToken);
    }

    // The shipped copy under data/ first, then the staged copy beside the checkout (../shared/data).
    static IEnumerable<string> NcbiFolders()
    {
        string root;
        try { root = RepositoryData.Root; }
        catch (DirectoryNotFoundException) { yield break; }
        yield return Path.Combine(root, "data", "ncbi-disease");
        yield return Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "ncbi-disease"));
    }
}

/// <summary>
/// A minimal PubTator reader for gold (title + " " + abstract, tab-separated mentions), every mention typed
/// <see cref="EntityTypes.Disease"/>; kept inside Evaluation until the corpora stage's NCBI loader lands.
/// A PMID that repeats (8528200 in the NCBI training file) gets "#2", "#3" so ids stay unique.
/// </summary>
internal static class PubTatorGold
{
    public static async Task<IReadOnlyList<Document>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);
        var documents = new List<Document>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? id = null, title = null, body = null;
        var spans = new List<EntitySpan>();
        int startLine = 0;

        void Flush()
        {
            if (id is null) return;
            var text = title + " " + body;
            var count = seen[id] = seen.GetValueOrDefault(id) + 1;
            try
            {
                documents.Add(new Document(count == 1 ? id : $"{id}#{count}", text, spans));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}:{startLine}: {e.Message}", e);
            }
            id = title = body = null;
            spans = [];
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) { Flush(); continue; }
            if (line.Contains("|t|", StringComparison.Ordinal) && !line.Contains('\t'))
            {
                Flush();
                var bar = line.IndexOf("|t|", StringComparison.Ordinal);
                id = line[..bar];
                title = line[(bar + 3)..];
                startLine = i + 1;
                continue;
            }
            if (id is not null && line.StartsWith(id + "|a|", StringComparison.Ordinal))
            {
                body = line[(id.Length + 3)..];
                continue;
            }
            var fields = line.Split('\t');
            if (id is null || body is null || fields.Length < 5 || fields[0] != id
                || !int.TryParse(fields[1], out var start) || !int.TryParse(fields[2], out var end))
                throw new InvalidDataException(
                    $"{path}:{i + 1}: expected 'PMID|t|title', 'PMID|a|abstract' or 'PMID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>id]' for document {id ?? "(none)"}.");
            spans.Add(new EntitySpan(start, end, EntityTypes.Disease, fields[3]) { SourceType = fields[4] });
        }
        Flush();
        return documents;
    }
}
