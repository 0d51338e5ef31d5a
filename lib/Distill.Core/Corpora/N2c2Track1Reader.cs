using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace Distill.Corpora;

/// <summary>One n2c2 2018 Track 1 patient: the concatenated notes and whether each of the 13 criteria is met.</summary>
internal sealed record N2c2Track1Patient(Document Document, IReadOnlyDictionary<string, bool> Criteria);

/// <summary>
/// Reads n2c2 2018 Track 1 (cohort selection) XML: <c>&lt;PatientMatching&gt;&lt;TEXT&gt;...&lt;/TEXT&gt;&lt;TAGS&gt;</c> with
/// one empty element per criterion carrying <c>met="met"</c> or <c>met="not met"</c> (compared trimmed and
/// lower-cased, as the official scorer does). All 13 criteria are required. The document id is the file
/// name without extension, the text is TEXT exactly (CDATA content), and the criteria are also kept as
/// metadata <c>criterion.NAME</c> = <c>met</c>/<c>not met</c> so a JSONL export keeps them.
/// </summary>
internal static class N2c2Track1Reader
{
    /// <summary>The 13 criteria, as named in the official scorer.</summary>
    public static IReadOnlyList<string> CriterionNames { get; } =
    [
        "ABDOMINAL", "ADVANCED-CAD", "ALCOHOL-ABUSE", "ASP-FOR-MI", "CREATININE", "DIETSUPP-2MOS", "DRUG-ABUSE",
        "ENGLISH", "HBA1C", "KETO-1YR", "MAJOR-DIABETES", "MAKES-DECISIONS", "MI-6MOS",
    ];

    public static async IAsyncEnumerable<N2c2Track1Patient> ReadDirectoryAsync(
        string dir, CorpusReadOptions? options = null, CorpusReadReport? report = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"n2c2 2018 Track 1 folder not found: {dir}");
        foreach (var file in Directory.GetFiles(dir, "*.xml").Order(StringComparer.Ordinal))
            if (await ReadAsync(file, options, report, cancellationToken) is { } patient)
                yield return patient;
    }

    public static async Task<N2c2Track1Patient?> ReadAsync(
        string path, CorpusReadOptions? options = null, CorpusReadReport? report = null, CancellationToken cancellationToken = default)
    {
        var problems = new ReadProblems(options ?? CorpusReadOptions.Strict, report);
        if (!File.Exists(path))
            throw new FileNotFoundException($"n2c2 2018 Track 1 file not found: {path}", path);
        XDocument xml;
        try
        {
            await using var stream = File.OpenRead(path);
            xml = await XDocument.LoadAsync(stream, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace, cancellationToken);
        }
        catch (XmlException ex)
        {
            problems.Raise(path, ex.LineNumber, $"not well-formed XML: {ex.Message}");
            return null;
        }
        var root = xml.Root;
        if (root?.Name.LocalName != "PatientMatching")
        {
            problems.Raise(path, Line(root), $"root element is <{root?.Name.LocalName}>, expected <PatientMatching>.");
            return null;
        }
        var text = root.Element("TEXT");
        var tags = root.Element("TAGS");
        if (text is null || tags is null)
        {
            problems.Raise(path, Line(root), $"<PatientMatching> needs a <TEXT> and a <TAGS> element; {(text is null ? "TEXT" : "TAGS")} is missing.");
            return null;
        }
        var criteria = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var tag in tags.Elements())
        {
            var name = tag.Name.LocalName;
            var value = tag.Attribute("met")?.Value.Trim().ToLowerInvariant();
            if (value is not ("met" or "not met"))
            {
                problems.Raise(path, Line(tag), $"<{name}> has met=\"{tag.Attribute("met")?.Value}\"; expected \"met\" or \"not met\".");
                continue;
            }
            if (!CriterionNames.Contains(name))
                problems.Report.Increment($"unknown criterion {name}");
            if (!criteria.TryAdd(name, value == "met"))
                problems.Raise(path, Line(tag), $"criterion <{name}> appears twice.");
        }
        var missing = CriterionNames.Where(c => !criteria.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            problems.Raise(path, Line(tags), $"<TAGS> lacks criteria {string.Join(", ", missing)}; all 13 are expected.");
            return null;
        }
        var metadata = new Dictionary<string, string> { ["source"] = Path.GetFileName(path) };
        foreach (var (name, met) in criteria)
            metadata[$"criterion.{name}"] = met ? "met" : "not met";
        return new N2c2Track1Patient(new Document(Path.GetFileNameWithoutExtension(path), text.Value, metadata: metadata), criteria);
    }

    static int? Line(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
