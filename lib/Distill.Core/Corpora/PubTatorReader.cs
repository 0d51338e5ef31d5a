using System.Globalization;
using System.Runtime.CompilerServices;

namespace Distill.Corpora;

/// <summary>
/// Reads PubTator files (NCBI Disease, BC5CDR): documents separated by blank lines, each a title line
/// <c>PMID|t|title</c>, an abstract line <c>PMID|a|abstract</c>, then one tab-separated mention line
/// <c>PMID&lt;TAB&gt;start&lt;TAB&gt;end&lt;TAB&gt;text&lt;TAB&gt;type&lt;TAB&gt;concept id</c> per mention.
/// Offsets index the document text <c>title + " " + abstract</c>, end exclusive. BC5CDR relation lines
/// (<c>PMID&lt;TAB&gt;CID&lt;TAB&gt;...</c>) are counted in the report as <c>relations</c>.
/// The document keeps <c>pmid</c>, <c>title_length</c> and <c>source</c> as metadata; a mention's concept id
/// goes to <see cref="EntitySpan.SourceId"/>. The id is the PMID, except that a PMID repeated within one
/// file (NCBI train has PMID 8528200 twice) gets <c>-2</c>, <c>-3</c>... so ids stay unique for caches and
/// joins; the repeat is counted as <c>repeated PMIDs (id suffixed)</c>.
/// </summary>
internal static class PubTatorReader
{
    /// <summary>Streams the documents of one PubTator file. Default label map: <see cref="LabelMap.PubTatorDisease"/>.</summary>
    public static async IAsyncEnumerable<Document> ReadAsync(
        string path, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"PubTator file not found: {path}", path);
        using var reader = TextFileEncoding.OpenReader(path, options?.Encoding);
        await foreach (var doc in ReadAsync(reader, path, options, report, cancellationToken))
            yield return doc;
    }

    /// <summary>Streams documents from <paramref name="reader"/>; <paramref name="sourceName"/> appears in errors.</summary>
    public static async IAsyncEnumerable<Document> ReadAsync(
        TextReader reader, string sourceName, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= CorpusReadOptions.Strict;
        var problems = new ReadProblems(options, report);
        var map = options.LabelMap ?? LabelMap.PubTatorDisease;
        var block = new List<(int Line, string Text)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNo = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                if (block.Count > 0 && Parse(block, sourceName, map, problems) is { } doc)
                    yield return Unique(doc, seen, problems.Report);
                block.Clear();
                continue;
            }
            block.Add((lineNo, line));
        }
        if (block.Count > 0 && Parse(block, sourceName, map, problems) is { } last)
            yield return Unique(last, seen, problems.Report);
    }

    static Document Unique(Document doc, Dictionary<string, int> seen, CorpusReadReport report)
    {
        var n = seen[doc.Id] = seen.GetValueOrDefault(doc.Id) + 1;
        if (n == 1) return doc;
        report.Increment("repeated PMIDs (id suffixed)");
        return new Document($"{doc.Id}-{n}", doc.Text, doc.Spans, doc.Metadata);
    }

    /// <summary>Reads a whole file (convenience for small corpora).</summary>
    public static IReadOnlyList<Document> Read(string path, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        ReadAsync(path, options, report).ToBlockingEnumerable().ToList();

    static Document? Parse(List<(int Line, string Text)> block, string file, LabelMap map, ReadProblems problems)
    {
        var (titleLine, titleText) = block[0];
        if (!TrySplitHeader(titleText, 't', out var pmid, out var title))
        {
            problems.Raise(file, titleLine, $"expected a title line 'PMID|t|title', got '{Clip(titleText)}'.");
            return null;
        }
        if (block.Count < 2 || !TrySplitHeader(block[1].Text, 'a', out var abstractPmid, out var abstractText))
        {
            problems.Raise(file, block.Count < 2 ? titleLine : block[1].Line, $"expected an abstract line '{pmid}|a|abstract' after the title.");
            return null;
        }
        if (abstractPmid != pmid)
        {
            problems.Raise(file, block[1].Line, $"abstract line has PMID {abstractPmid} but the title line has {pmid}.");
            return null;
        }
        var text = title + " " + abstractText;
        var spans = new List<EntitySpan>();
        foreach (var (lineNo, line) in block.Skip(2))
        {
            var fields = line.Split('\t');
            if (fields.Length == 4 && !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Report.Increment("relations");
                continue;
            }
            if (fields.Length < 5)
            {
                problems.Raise(file, lineNo, $"expected a mention line 'PMID<TAB>start<TAB>end<TAB>text<TAB>type[<TAB>id]', got {fields.Length} tab-separated fields.");
                continue;
            }
            if (fields[0] != pmid)
            {
                problems.Raise(file, lineNo, $"mention line has PMID {fields[0]} inside document {pmid} (missing blank line?).");
                continue;
            }
            if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                problems.Raise(file, lineNo, $"start '{fields[1]}' and end '{fields[2]}' must be non-negative integers.");
                continue;
            }
            var mention = fields[3];
            // NCBI train line 3249 (PMID 10923035) carries two trailing spaces in its text field that its
            // offsets do not cover; trust the offsets when only surrounding whitespace differs, and count it.
            if (mention.Length != mention.Trim().Length && end <= text.Length && start < end
                && text.AsSpan(start, end - start).SequenceEqual(mention.Trim()))
            {
                problems.Report.Increment("mention text with surrounding whitespace (trimmed)");
                mention = mention.Trim();
            }
            if (!problems.CheckSpan(text, start, end, mention, file, lineNo, "mention"))
                continue;
            if (problems.MapType(map, fields[4], file, lineNo) is not { } type)
                continue;
            spans.Add(new EntitySpan(start, end, type, mention)
            {
                SourceType = fields[4],
                SourceId = fields.Length > 5 && fields[5].Length > 0 ? fields[5] : null,
            });
        }
        var metadata = new Dictionary<string, string>
        {
            ["pmid"] = pmid,
            ["title_length"] = title.Length.ToString(CultureInfo.InvariantCulture),
            ["source"] = Path.GetFileName(file),
        };
        return new Document(pmid, text, spans, metadata);
    }

    static bool TrySplitHeader(string line, char kind, out string pmid, out string body)
    {
        pmid = body = "";
        var first = line.IndexOf('|');
        if (first <= 0 || line.Length < first + 3 || line[first + 1] != kind || line[first + 2] != '|')
            return false;
        pmid = line[..first];
        body = line[(first + 3)..];
        return true;
    }

    static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
