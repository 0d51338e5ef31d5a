using System.IO.Compression;
using System.Runtime.CompilerServices;

namespace Distill.Corpora;

/// <summary>Which MIMIC-III notes to read.</summary>
/// <param name="Categories">
/// CATEGORY values to keep (compared trimmed and case-insensitive, since MIMIC has <c>"Physician "</c> with a
/// trailing space); null keeps every category. The reference study's unlabeled pool is discharge summaries.
/// </param>
/// <param name="IncludeErrorNotes">Whether notes with ISERROR = 1 are kept (default: no; they are counted).</param>
public sealed record MimicNoteFilter(IReadOnlyCollection<string>? Categories = null, bool IncludeErrorNotes = false)
{
    public static MimicNoteFilter DischargeSummaries { get; } = new(["Discharge summary"]);
}

/// <summary>
/// Reads MIMIC-III v1.4 <c>NOTEEVENTS.csv</c> (or <c>.csv.gz</c>) as unlabeled documents: id = ROW_ID,
/// text = TEXT exactly as stored, metadata = subject_id, hadm_id, chartdate, category, description.
/// Columns are found by header name, so column order does not matter.
/// </summary>
public static class MimicNoteEventsReader
{
    static readonly string[] Required = ["ROW_ID", "SUBJECT_ID", "HADM_ID", "CHARTDATE", "CATEGORY", "DESCRIPTION", "ISERROR", "TEXT"];

    /// <summary>
    /// <paramref name="pathOrDir"/> itself when it is a file, else the <c>NOTEEVENTS.csv.gz</c> or
    /// <c>NOTEEVENTS.csv</c> inside that folder; a clear error when neither is there.
    /// </summary>
    public static string FindNoteEvents(string pathOrDir)
    {
        if (File.Exists(pathOrDir)) return pathOrDir;
        foreach (var name in new[] { "NOTEEVENTS.csv.gz", "NOTEEVENTS.csv" })
            if (File.Exists(Path.Combine(pathOrDir, name)))
                return Path.Combine(pathOrDir, name);
        throw new FileNotFoundException($"No NOTEEVENTS.csv.gz or NOTEEVENTS.csv at {pathOrDir}; download it from PhysioNet (MIMIC-III v1.4, credentialed access).");
    }

    public static async IAsyncEnumerable<Document> ReadAsync(
        string path, MimicNoteFilter? filter = null, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"MIMIC-III NOTEEVENTS file not found: {path}", path);
        Func<Stream> open = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? () => new GZipStream(File.OpenRead(path), CompressionMode.Decompress)
            : () => File.OpenRead(path);
        using var reader = TextFileEncoding.OpenReader(path, open, options?.Encoding);
        await foreach (var doc in ReadAsync(reader, path, filter, options, report, cancellationToken))
            yield return doc;
    }

    public static async IAsyncEnumerable<Document> ReadAsync(
        TextReader reader, string sourceName, MimicNoteFilter? filter = null, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        filter ??= new MimicNoteFilter();
        var problems = new ReadProblems(options ?? CorpusReadOptions.Strict, report);
        var categories = filter.Categories?.Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, int>? columns = null;
        await foreach (var record in CsvRecordReader.ReadAsync(reader, sourceName, cancellationToken))
        {
            if (columns is null)
            {
                columns = record.Fields.Select((name, i) => (name: name.Trim().ToUpperInvariant(), i)).ToDictionary(x => x.name, x => x.i);
                var missing = Required.Where(c => !columns.ContainsKey(c)).ToArray();
                if (missing.Length > 0)
                    throw new CorpusFormatException(sourceName, record.Line,
                        $"header lacks column(s) {string.Join(", ", missing)}; expected the NOTEEVENTS header {string.Join(",", Required)} (any order).");
                continue;
            }
            if (record.Fields.Count != columns.Count)
            {
                problems.Raise(sourceName, record.Line, $"record has {record.Fields.Count} fields but the header has {columns.Count}.");
                continue;
            }
            string Get(string column) => record.Fields[columns[column]];
            var rowId = Get("ROW_ID").Trim();
            if (rowId.Length == 0)
            {
                problems.Raise(sourceName, record.Line, "ROW_ID is empty.");
                continue;
            }
            if (categories is not null && !categories.Contains(Get("CATEGORY").Trim()))
            {
                problems.Report.Increment("notes of other categories");
                continue;
            }
            if (!filter.IncludeErrorNotes && Get("ISERROR").Trim() == "1")
            {
                problems.Report.Increment("notes flagged ISERROR=1 (excluded)");
                continue;
            }
            problems.Report.Increment("notes read");
            yield return new Document(rowId, Get("TEXT"), metadata: new Dictionary<string, string>
            {
                ["subject_id"] = Get("SUBJECT_ID"),
                ["hadm_id"] = Get("HADM_ID"),
                ["chartdate"] = Get("CHARTDATE"),
                ["category"] = Get("CATEGORY").Trim(),
                ["description"] = Get("DESCRIPTION"),
            });
        }
        if (columns is null)
            throw new CorpusFormatException(sourceName, null, "is empty; expected a NOTEEVENTS header row.");
    }

    /// <summary>
    /// A reproducible sample of <paramref name="count"/> notes: the notes whose ROW_ID hashes lowest under
    /// <paramref name="seed"/>, returned in ROW_ID order. Because the choice depends only on (seed, ROW_ID),
    /// the same seed gives the same notes whatever the file order, and a larger count extends a smaller one.
    /// Holds at most <paramref name="count"/> notes in memory.
    /// </summary>
    public static async Task<IReadOnlyList<Document>> SampleAsync(
        string path, int count, int seed, MimicNoteFilter? filter = null, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return await SampleAsync(ReadAsync(path, filter, options, report, cancellationToken), count, seed, cancellationToken);
    }

    public static async Task<IReadOnlyList<Document>> SampleAsync(
        IAsyncEnumerable<Document> notes, int count, int seed, CancellationToken cancellationToken = default)
    {
        // Max-heap on the hash (priority negated by the comparer) keeps the `count` lowest hashes seen.
        var kept = new PriorityQueue<Document, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
        await foreach (var note in notes.WithCancellation(cancellationToken))
        {
            var h = SampleKey(note.Id, seed);
            if (kept.Count < count) kept.Enqueue(note, h);
            else if (count > 0 && kept.TryPeek(out _, out var worst) && h < worst) kept.EnqueueDequeue(note, h);
        }
        return kept.UnorderedItems.Select(x => x.Element)
            .OrderBy(d => long.TryParse(d.Id, out var n) ? n : long.MaxValue).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>SplitMix64 of the seed and a stable FNV-1a hash of the id: the same on every run and platform.</summary>
    internal static ulong SampleKey(string id, int seed)
    {
        var h = 14695981039346656037UL;
        foreach (var c in id) { h ^= c; h *= 1099511628211UL; }
        var z = h ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
