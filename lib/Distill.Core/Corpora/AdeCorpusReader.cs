using System.Globalization;
using System.Runtime.CompilerServices;

namespace Distill.Corpora;

/// <summary>A drug relation of ADE-Corpus-V2: a drug and its adverse effect (<c>Drug-AE</c>) or dose (<c>Drug-Dose</c>).</summary>
internal sealed record AdeRelation(string Kind, EntitySpan Drug, EntitySpan Other);

/// <summary>One ADE-Corpus-V2 sentence with its spans (sentence offsets) and relations.</summary>
internal sealed record AdeSentence(Document Document, IReadOnlyList<AdeRelation> Relations);

/// <summary>
/// Reads ADE-Corpus-V2 (Gurulingappa et al. 2012): <c>DRUG-AE.rel</c> and <c>DRUG-DOSE.rel</c>, pipe-separated
/// <c>PMID|sentence|effect-or-dose|begin|end|drug|begin|end</c>, and <c>ADE-NEG.txt</c>, <c>PMID NEG sentence</c>.
/// <para>
/// The released offsets index the whole annotated abstract (<c>PMID\n\nTitle\n\nAbstract</c>), not the
/// sentence, and the abstract is not shipped. The reader therefore finds the sentence's start in that
/// abstract: the one shift that puts both the effect (or dose) and the drug at their offsets inside the
/// sentence, agreed across all lines of the same sentence (when one mention occurs twice in a sentence,
/// only one shift fits both lines). Offsets that are already sentence-relative are the shift 0 case.
/// A line that no shift fits is a problem naming file and line.
/// </para>
/// Each distinct (PMID, sentence) becomes one document, id <c>PMID-n</c> (n-th sentence of that PMID in file
/// order, AE then DOSE then NEG), with metadata <c>pmid</c> and <c>ade</c> (<c>positive</c>: has an adverse effect; <c>dose-only</c>: only in DRUG-DOSE.rel; <c>negative</c>: ADE-NEG.txt).
/// Source types <c>Drug</c>, <c>AdverseEffect</c> and <c>Dose</c>; default map <see cref="DefaultLabelMap"/>.
/// </summary>
internal static class AdeCorpusReader
{
    public const string DrugAeFile = "DRUG-AE.rel";
    public const string DrugDoseFile = "DRUG-DOSE.rel";
    public const string NegativeFile = "ADE-NEG.txt";

    /// <summary>Drug → medication; AdverseEffect → adverse_effect; Dose → dose.</summary>
    public static LabelMap DefaultLabelMap { get; } = new(new Dictionary<string, string>
    {
        ["Drug"] = EntityTypes.Medication,
        ["AdverseEffect"] = "adverse_effect",
        ["Dose"] = "dose",
    }, UnmappedTypePolicy.Error);

    sealed record Line(string File, int LineNo, string Pmid, string Sentence, string Other, int OtherStart, int OtherEnd, string Drug, int DrugStart, int DrugEnd, string Kind);

    /// <summary>Reads the three files of <paramref name="dir"/>; a missing file is an error (ADE-NEG.txt may be left out with <paramref name="includeNegatives"/> false).</summary>
    public static async IAsyncEnumerable<AdeSentence> ReadAsync(
        string dir, bool includeNegatives = true, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= CorpusReadOptions.Strict;
        var problems = new ReadProblems(options, report);
        var map = options.LabelMap ?? DefaultLabelMap;
        var lines = new List<Line>();
        foreach (var (name, kind) in new[] { (DrugAeFile, "Drug-AE"), (DrugDoseFile, "Drug-Dose") })
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
                throw new FileNotFoundException($"ADE-Corpus-V2 file not found: {path}", path);
            var lineNo = 0;
            foreach (var raw in await TextFileEncoding.ReadAllLinesAsync(path, options.Encoding, cancellationToken))
            {
                lineNo++;
                if (raw.Length == 0) continue;
                if (ParseRelLine(raw, path, lineNo, kind, problems) is { } parsed) lines.Add(parsed);
            }
        }
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        string NextId(string pmid) => $"{pmid}-{ordinals[pmid] = ordinals.GetValueOrDefault(pmid) + 1}";

        // Group by sentence, in order of first appearance.
        foreach (var group in lines.GroupBy(l => (l.Pmid, l.Sentence)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (BuildSentence(NextId(group.Key.Pmid), group.ToList(), map, problems) is { } sentence)
                yield return sentence;
        }
        if (!includeNegatives) yield break;
        var negPath = Path.Combine(dir, NegativeFile);
        if (!File.Exists(negPath))
            throw new FileNotFoundException($"ADE-Corpus-V2 file not found: {negPath} (pass includeNegatives: false to read only the relations).", negPath);
        var negLineNo = 0;
        using var reader = TextFileEncoding.OpenReader(negPath, options.Encoding);
        while (await reader.ReadLineAsync(cancellationToken) is { } raw)
        {
            negLineNo++;
            if (raw.Length == 0) continue;
            var parts = raw.Split(' ', 3);
            if (parts.Length != 3 || parts[1] != "NEG" || parts[0].Length == 0 || parts[2].Length == 0)
            {
                problems.Raise(negPath, negLineNo, "expected 'PMID NEG sentence'.");
                continue;
            }
            var doc = new Document(NextId(parts[0]), parts[2], metadata: new Dictionary<string, string>
            {
                ["pmid"] = parts[0],
                ["ade"] = "negative",
            });
            yield return new AdeSentence(doc, []);
        }
    }

    public static IReadOnlyList<AdeSentence> Read(string dir, bool includeNegatives = true, CorpusReadOptions? options = null, CorpusReadReport? report = null) =>
        ReadAsync(dir, includeNegatives, options, report).ToBlockingEnumerable().ToList();

    static Line? ParseRelLine(string raw, string file, int lineNo, string kind, ReadProblems problems)
    {
        var f = raw.Split('|');
        if (f.Length != 8)
        {
            problems.Raise(file, lineNo, $"expected 8 '|'-separated fields (PMID|sentence|{(kind == "Drug-AE" ? "effect" : "dose")}|begin|end|drug|begin|end), got {f.Length}.");
            return null;
        }
        var numbers = new int[4];
        var fields = new[] { 3, 4, 6, 7 };
        for (var i = 0; i < 4; i++)
            if (!int.TryParse(f[fields[i]], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                problems.Raise(file, lineNo, $"field {fields[i] + 1} '{f[fields[i]]}' must be a non-negative integer offset.");
                return null;
            }
        if (numbers[1] - numbers[0] != f[2].Length || numbers[3] - numbers[2] != f[5].Length)
        {
            problems.Raise(file, lineNo, $"offsets [{numbers[0]}, {numbers[1]}) and [{numbers[2]}, {numbers[3]}) do not have the lengths of '{f[2]}' and '{f[5]}'.");
            return null;
        }
        return new Line(file, lineNo, f[0], f[1], f[2], numbers[0], numbers[1], f[5], numbers[2], numbers[3], kind);
    }

    /// <summary>Every shift (abstract offset of the sentence start) that places both mentions of the line inside the sentence.</summary>
    static HashSet<int> Shifts(Line l)
    {
        var shifts = new HashSet<int>();
        for (var i = l.Sentence.IndexOf(l.Other, StringComparison.Ordinal); i >= 0; i = l.Sentence.IndexOf(l.Other, i + 1, StringComparison.Ordinal))
        {
            var shift = l.OtherStart - i;
            var drugAt = l.DrugStart - shift;
            if (drugAt >= 0 && drugAt + l.Drug.Length <= l.Sentence.Length && string.CompareOrdinal(l.Sentence, drugAt, l.Drug, 0, l.Drug.Length) == 0)
                shifts.Add(shift);
        }
        return shifts;
    }

    static AdeSentence? BuildSentence(string id, List<Line> lines, LabelMap map, ReadProblems problems)
    {
        var perLine = lines.Select(Shifts).ToList();
        var common = perLine.Where(s => s.Count > 0).Aggregate((HashSet<int>?)null, (acc, s) => acc is null ? [.. s] : [.. acc.Intersect(s)]);
        var spans = new Dictionary<(int, int, string), EntitySpan>();
        var relations = new List<AdeRelation>();
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (perLine[i].Count == 0)
            {
                problems.Raise(l.File, l.LineNo, $"'{l.Other}' and '{l.Drug}' cannot both be placed at their offsets inside the sentence.");
                continue;
            }
            int shift;
            if (common is { Count: > 0 }) shift = common.Min();
            else
            {
                // The same sentence text occurs twice in the abstract: lines disagree, each keeps its own shift.
                problems.Report.Increment("ade lines with their own sentence shift");
                shift = perLine[i].Min();
            }
            if (perLine[i].Count > 1 && common is not { Count: 1 })
                problems.Report.Increment("ade lines with an ambiguous mention position (first taken)");
            var otherType = l.Kind == "Drug-AE" ? "AdverseEffect" : "Dose";
            var other = Span(l.OtherStart - shift, l.OtherEnd - shift, otherType, l);
            var drug = Span(l.DrugStart - shift, l.DrugEnd - shift, "Drug", l);
            if (other is not null && drug is not null)
                relations.Add(new AdeRelation(l.Kind, drug, other));
        }
        if (spans.Count == 0 && relations.Count == 0) return null;
        problems.Report.Increment("relations", relations.Count);
        var doc = new Document(id, lines[0].Sentence, spans.Values, new Dictionary<string, string>
        {
            ["pmid"] = lines[0].Pmid,
            ["ade"] = lines.Any(l => l.Kind == "Drug-AE") ? "positive" : "dose-only",
        });
        return new AdeSentence(doc, relations);

        EntitySpan? Span(int start, int end, string sourceType, Line l)
        {
            if (problems.MapType(map, sourceType, l.File, l.LineNo) is not { } type) return null;
            var key = (start, end, type);
            if (!spans.TryGetValue(key, out var span))
                spans[key] = span = new EntitySpan(start, end, type, l.Sentence[start..end]) { SourceType = sourceType };
            return span;
        }
    }
}
