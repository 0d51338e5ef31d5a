using System.Text;
using Distill.Corpora;
using Distill.Teachers.Cache;

namespace Distill.Teachers.Dictionary;

/// <summary>One dictionary term: its text as in the vocabulary, the entity type it maps to, and where it came from.</summary>
/// <param name="Term">The name or synonym as written in the source.</param>
/// <param name="EntityType">disease, symptom or medication.</param>
/// <param name="ConceptId">The source's identifier (DOID:…, SYMP:…, DB…).</param>
public sealed record LexiconEntry(string Term, string EntityType, string ConceptId);

/// <summary>
/// Which names and synonyms the dictionary teacher uses. Defaults: names and EXACT synonyms of non-obsolete
/// terms. RELATED/NARROW/BROAD synonyms are off because in DO and SYMP they are often broader concepts or
/// legacy labels (e.g. breast cancer RELATED "mammary neoplasm"), which lowers precision.
/// </summary>
public sealed record LexiconOptions
{
    /// <summary>Also use RELATED synonyms (default false, see above).</summary>
    public bool IncludeRelatedSynonyms { get; init; }

    /// <summary>Terms shorter than this many characters are dropped, except upper-case abbreviations (default 3).</summary>
    public int MinimumTermLength { get; init; } = 3;

    /// <summary>
    /// Single-token terms written in capitals with at most this many characters (ALL, AIDS, CF) only match the same
    /// capitals in the text, since case-folded they are English words or unrelated acronyms (default 5).
    /// </summary>
    public int CaseSensitiveAbbreviationMaxLength { get; init; } = 5;

    /// <summary>Disease Ontology OBO file (default <c>data/disease-ontology/doid.obo</c>); null to leave disease out.</summary>
    public string? DiseaseOntologyPath { get; init; } = RepositoryDataPath("disease-ontology", "doid.obo");

    /// <summary>Symptom Ontology OBO file (default <c>data/symptom-ontology/symp.obo</c>); null to leave symptom out.</summary>
    public string? SymptomOntologyPath { get; init; } = RepositoryDataPath("symptom-ontology", "symp.obo");

    /// <summary>DrugBank vocabulary CSV (default <c>data/drug-vocabulary/drugbank vocabulary.csv</c>); null to leave medication out.</summary>
    public string? DrugVocabularyPath { get; init; } = RepositoryDataPath("drug-vocabulary", "drugbank vocabulary.csv");

    // No fallback when the repository cannot be found: DistillPaths' error says to set DISTILL_HOME,
    // which beats a dictionary teacher that silently knows no terms.
    static string RepositoryDataPath(params string[] parts) => Distill.Runtime.DistillPaths.Default.DataFile(parts);
}

/// <summary>The dictionary teacher's terms, grouped by entity type.</summary>
public sealed partial class Lexicon
{
    public Lexicon(IEnumerable<LexiconEntry> entries)
    {
        Entries = entries.ToArray();
        // A stable content hash (the teacher's "model version" in the cache key): order-independent.
        var lines = Entries.Select(e => $"{e.EntityType}\t{e.ConceptId}\t{e.Term}").Order(StringComparer.Ordinal);
        Hash = CacheKey.Sha256Hex(string.Join('\n', lines))[..16];
    }

    public IReadOnlyList<LexiconEntry> Entries { get; }

    /// <summary>First 16 hex digits of the SHA-256 of the sorted entries.</summary>
    public string Hash { get; }

    public IReadOnlyList<string> EntityTypes => Entries.Select(e => e.EntityType).Distinct().Order(StringComparer.Ordinal).ToArray();

    public IEnumerable<LexiconEntry> Of(string entityType) => Entries.Where(e => e.EntityType == entityType);

    /// <summary>Builds the lexicon from the shipped vocabularies named in <paramref name="options"/>. Missing files are errors.</summary>
    public static Lexicon Load(LexiconOptions? options = null)
    {
        options ??= new LexiconOptions();
        var entries = new List<LexiconEntry>();
        if (options.DiseaseOntologyPath is { } doid)
            entries.AddRange(FromObo(OboReader.Read(Existing(doid, "Disease Ontology")), Corpora.EntityTypes.Disease, options));
        if (options.SymptomOntologyPath is { } symp)
            entries.AddRange(FromObo(OboReader.Read(Existing(symp, "Symptom Ontology")), Corpora.EntityTypes.Symptom, options));
        if (options.DrugVocabularyPath is { } drugs)
            foreach (var drug in DrugVocabularyReader.Read(Existing(drugs, "DrugBank vocabulary")))
                foreach (var name in drug.Synonyms.Prepend(drug.CommonName).Distinct(StringComparer.OrdinalIgnoreCase))
                    entries.Add(new LexiconEntry(name, Corpora.EntityTypes.Medication, drug.DrugBankId));
        return new Lexicon(entries);
    }

    /// <summary>Names and synonyms of the non-obsolete terms of an ontology.</summary>
    public static IEnumerable<LexiconEntry> FromObo(IEnumerable<OboTerm> terms, string entityType, LexiconOptions options)
    {
        foreach (var term in terms.Where(t => !t.IsObsolete))
        {
            var names = term.Synonyms
                .Where(s => s.Scope == SynonymScope.Exact || (options.IncludeRelatedSynonyms && s.Scope == SynonymScope.Related))
                .Select(s => WithoutSemanticTag(s.Text))
                .Prepend(WithoutSemanticTag(term.Name))
                .SelectMany(Variants)
                .Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
                yield return new LexiconEntry(name, entityType, term.Id);
        }
    }

    /// <summary>
    /// A name and the variants notes use for it: without a numbered subtype ("myotonic dystrophy type 1" →
    /// "myotonic dystrophy", since text often names the family) and split at a trailing abbreviation
    /// ("Von Hippel-Lindau syndrome (VHL)" → the name and "VHL"; capitals only, so it matches case-exactly).
    /// </summary>
    public static IEnumerable<string> Variants(string name)
    {
        var abbreviated = AbbreviationSuffix().Match(name);
        var full = abbreviated.Success ? abbreviated.Groups[1].Value : name;
        yield return full;
        if (abbreviated.Success) yield return abbreviated.Groups[2].Value;
        var subtype = SubtypeSuffix().Match(full);
        if (subtype.Success) yield return subtype.Groups[1].Value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.{4,}) type [0-9A-Z]{1,3}$")]
    private static partial System.Text.RegularExpressions.Regex SubtypeSuffix();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.{4,}?) \(([A-Z][A-Z0-9-]{1,7})\)$")]
    private static partial System.Text.RegularExpressions.Regex AbbreviationSuffix();

    /// <summary>
    /// Drops a trailing SNOMED CT semantic tag such as "(disorder)" or "(finding)", which DO copies into synonyms
    /// ("neoplasm of pelvis (disorder)") but notes never write.
    /// </summary>
    public static string WithoutSemanticTag(string term)
    {
        var trimmed = term.TrimEnd();
        if (!trimmed.EndsWith(')')) return term;
        var open = trimmed.LastIndexOf(" (", StringComparison.Ordinal);
        if (open <= 0) return term;
        var tag = trimmed[(open + 2)..^1];
        return tag is "disorder" or "finding" or "disease" or "morphologic abnormality" or "situation" or "symptom"
            or "navigational concept" or "clinical finding" or "qualifier value" or "observable entity"
            ? trimmed[..open]
            : term;
    }

    static string Existing(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{what} file not found: '{path}'. It ships in the repository's data/ folder.", path);

    public override string ToString()
    {
        var text = new StringBuilder($"Lexicon {Hash}:");
        foreach (var type in EntityTypes) text.Append($" {type} {Of(type).Count()} terms;");
        return text.ToString();
    }
}
