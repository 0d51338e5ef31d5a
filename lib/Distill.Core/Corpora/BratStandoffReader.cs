using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Distill.Corpora;

/// <summary>A BRAT text-bound annotation (<c>T</c> line) as written, before the label map.</summary>
/// <param name="Id">The annotation id, e.g. <c>T3</c>.</param>
/// <param name="Type">The source type, e.g. <c>Drug</c>.</param>
/// <param name="Fragments">One or more [start, end) ranges; several for a discontinuous entity (<c>10 15;20 25</c>).</param>
/// <param name="Text">The text field as written (fragments joined by a space).</param>
/// <param name="Line">1-based line in the .ann file.</param>
internal sealed record BratEntity(string Id, string Type, IReadOnlyList<(int Start, int End)> Fragments, string Text, int Line)
{
    public int Start => Fragments[0].Start;
    public int End => Fragments[^1].End;
    public bool IsDiscontinuous => Fragments.Count > 1;
}

/// <summary>A BRAT binary relation (<c>R</c> line), e.g. n2c2 <c>Strength-Drug Arg1:T2 Arg2:T1</c>.</summary>
internal sealed record BratRelation(string Id, string Type, string Arg1, string Arg2, int Line);

/// <summary>A BRAT document: the mapped <see cref="Document"/> plus every entity and relation as written.</summary>
internal sealed record BratDocument(Document Document, IReadOnlyList<BratEntity> Entities, IReadOnlyList<BratRelation> Relations);

/// <summary>
/// Reads BRAT standoff: <c>NAME.txt</c> (the text) and <c>NAME.ann</c> (annotations), as in the n2c2 2018
/// Track 2 medication corpus. Entity lines <c>T1&lt;TAB&gt;Type start end[;start end...]&lt;TAB&gt;text</c>;
/// relation lines <c>R1&lt;TAB&gt;Type Arg1:T2 Arg2:T1</c>. Attribute (<c>A</c>/<c>M</c>), note (<c>#</c>),
/// event (<c>E</c>), normalisation (<c>N</c>) and equivalence (<c>*</c>) lines are counted and skipped.
/// A discontinuous entity becomes one span from its first start to its last end, as the official n2c2
/// scorer reads it (counted as <c>discontinuous entities merged</c>). The text field is compared with the
/// covered text with runs of whitespace collapsed, because BRAT writes a covered newline as a space and
/// joins fragments with a space. Default label map: <see cref="LabelMap.N2c2Medication"/>.
/// </summary>
internal static class BratStandoffReader
{
    /// <summary>Streams every <c>*.ann</c> of <paramref name="dir"/> (sorted by name) with its <c>.txt</c>.</summary>
    public static async IAsyncEnumerable<BratDocument> ReadDirectoryAsync(
        string dir, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"BRAT folder not found: {dir}");
        options ??= CorpusReadOptions.Strict;
        var problems = new ReadProblems(options, report);
        var annFiles = Directory.GetFiles(dir, "*.ann").Order(StringComparer.Ordinal).ToArray();
        var annNames = annFiles.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        foreach (var txt in Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal))
            if (!annNames.Contains(Path.GetFileNameWithoutExtension(txt)))
                problems.Raise(txt, null, "has no matching .ann file; every note of an annotated folder needs one (an empty .ann means no mentions).");
        foreach (var ann in annFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await ReadAsync(ann, options, problems.Report, cancellationToken) is { } doc)
                yield return doc;
        }
    }

    /// <summary>Reads one document from its <c>.ann</c> path (the <c>.txt</c> beside it is required).</summary>
    public static async Task<BratDocument?> ReadAsync(
        string annPath, CorpusReadOptions? options = null, CorpusReadReport? report = null, CancellationToken cancellationToken = default)
    {
        options ??= CorpusReadOptions.Strict;
        var problems = new ReadProblems(options, report);
        if (!File.Exists(annPath))
            throw new FileNotFoundException($"BRAT annotation file not found: {annPath}", annPath);
        var txtPath = Path.ChangeExtension(annPath, ".txt");
        if (!File.Exists(txtPath))
        {
            problems.Raise(annPath, null, $"the text file {Path.GetFileName(txtPath)} is missing; BRAT offsets index the .txt beside the .ann.");
            return null;
        }
        // Offsets count characters of the file as stored: no newline normalisation (CRLF counts two).
        var text = await TextFileEncoding.ReadAllTextAsync(txtPath, options.Encoding, cancellationToken);
        var lines = await TextFileEncoding.ReadAllLinesAsync(annPath, options.Encoding, cancellationToken);
        return Parse(Path.GetFileNameWithoutExtension(annPath), text, lines, annPath, options.LabelMap ?? LabelMap.N2c2Medication, problems);
    }

    /// <summary>Reads a folder into plain documents (convenience for small sets).</summary>
    public static IReadOnlyList<Document> ReadDocuments(string dir, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        ReadDirectoryAsync(dir, options, report).ToBlockingEnumerable().Select(d => d.Document).ToList();

    internal static BratDocument Parse(string id, string text, IReadOnlyList<string> lines, string file, LabelMap map, ReadProblems problems)
    {
        var entities = new List<BratEntity>();
        var relations = new List<BratRelation>();
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNo = i + 1;
            var line = lines[i];
            if (line.Length == 0) continue;
            switch (line[0])
            {
                case 'T':
                    if (ParseEntity(line, text, file, lineNo, problems) is { } entity)
                    {
                        if (entities.Any(e => e.Id == entity.Id))
                            problems.Raise(file, lineNo, $"entity id {entity.Id} is used twice.");
                        else
                            entities.Add(entity);
                    }
                    break;
                case 'R':
                    if (ParseRelation(line, file, lineNo, problems) is { } relation)
                        relations.Add(relation);
                    break;
                case 'A' or 'M' or '#' or 'E' or 'N' or '*':
                    problems.Report.Increment("brat lines skipped (attribute, note, event, normalisation, equivalence)");
                    break;
                default:
                    problems.Raise(file, lineNo, $"unknown BRAT line kind '{line[0]}'; expected an id starting with T, R, A, M, E, N, # or *.");
                    break;
            }
        }
        var ids = entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var kept = new List<BratRelation>();
        foreach (var r in relations)
        {
            if (!ids.Contains(r.Arg1) || !ids.Contains(r.Arg2))
                problems.Raise(file, r.Line, $"relation {r.Id} refers to {(ids.Contains(r.Arg1) ? r.Arg2 : r.Arg1)}, which is not an entity of this file.");
            else
                kept.Add(r);
        }
        problems.Report.Increment("relations", kept.Count);
        var spans = new List<EntitySpan>();
        foreach (var e in entities)
        {
            if (problems.MapType(map, e.Type, file, e.Line) is not { } type)
                continue;
            if (e.IsDiscontinuous)
                problems.Report.Increment("discontinuous entities merged");
            spans.Add(new EntitySpan(e.Start, e.End, type, text[e.Start..e.End]) { SourceType = e.Type, SourceId = e.Id });
        }
        var metadata = new Dictionary<string, string> { ["source"] = Path.GetFileName(file) };
        return new BratDocument(new Document(id, text, spans, metadata), entities, kept);
    }

    static BratEntity? ParseEntity(string line, string text, string file, int lineNo, ReadProblems problems)
    {
        var fields = line.Split('\t');
        if (fields.Length < 3)
        {
            problems.Raise(file, lineNo, $"expected 'T<n><TAB>Type start end<TAB>text', got {fields.Length} tab-separated fields.");
            return null;
        }
        var typeAndRanges = fields[1].Split(' ', 2);
        if (typeAndRanges.Length != 2 || typeAndRanges[0].Length == 0)
        {
            problems.Raise(file, lineNo, $"expected 'Type start end' in the second field, got '{fields[1]}'.");
            return null;
        }
        var fragments = new List<(int, int)>();
        foreach (var range in typeAndRanges[1].Split(';'))
        {
            var pair = range.Trim().Split(' ');
            if (pair.Length != 2
                || !int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                problems.Raise(file, lineNo, $"offsets '{typeAndRanges[1]}' must be 'start end' pairs of non-negative integers joined by ';'.");
                return null;
            }
            if (!problems.CheckSpan(text, start, end, null, file, lineNo, $"entity {fields[0]} fragment"))
                return null;
            if (fragments.Count > 0 && start < fragments[^1].Item2)
            {
                problems.Raise(file, lineNo, $"entity {fields[0]}: fragments must be in order and not overlap ('{typeAndRanges[1]}').");
                return null;
            }
            fragments.Add((start, end));
        }
        // The text field may itself contain tabs in theory; everything after the second tab is the text.
        var written = string.Join('\t', fields.Skip(2));
        var covered = string.Join(' ', fragments.Select(f => text[f.Item1..f.Item2]));
        if (CollapseWhitespace(written) != CollapseWhitespace(covered))
        {
            problems.Raise(file, lineNo, $"entity {fields[0]} says '{written}' but the text at {typeAndRanges[1]} is '{covered.ReplaceLineEndings(" ")}'.");
            return null;
        }
        return new BratEntity(fields[0], typeAndRanges[0], fragments, written, lineNo);
    }

    static BratRelation? ParseRelation(string line, string file, int lineNo, ReadProblems problems)
    {
        var fields = line.Split('\t');
        var parts = fields.Length >= 2 ? fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (parts.Length != 3 || !parts[1].StartsWith("Arg1:", StringComparison.Ordinal) || !parts[2].StartsWith("Arg2:", StringComparison.Ordinal))
        {
            problems.Raise(file, lineNo, $"expected 'R<n><TAB>Type Arg1:T<a> Arg2:T<b>', got '{line}'.");
            return null;
        }
        return new BratRelation(fields[0], parts[0], parts[1][5..], parts[2][5..], lineNo);
    }

    static string CollapseWhitespace(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space) sb.Append(' ');
                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }
        return sb.ToString();
    }
}
