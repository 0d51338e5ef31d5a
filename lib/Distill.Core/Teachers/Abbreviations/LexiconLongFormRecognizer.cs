using Distill.Corpora;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Morphology;

namespace Distill.Teachers.Abbreviations;

/// <summary>
/// The long-form recognizer over the offline teachers' knowledge: dictionary matchers (Disease Ontology,
/// Symptom Ontology, DrugBank, MeSH) and, for diseases, the morphology rules. A short form is known when a
/// dictionary lists it as a capitals-only term (matched case-exactly, see <see cref="TokenTrieMatcher"/>).
/// </summary>
internal sealed class LexiconLongFormRecognizer : ILongFormRecognizer
{
    readonly IReadOnlyList<DictionaryTeacher> dictionaries;
    readonly DiseasePhraseMatcher? morphology;
    readonly string? morphologyVersion;
    /// <summary>Per entity type: capitals-only term → the normalized words of every name of its concepts.</summary>
    readonly Dictionary<string, Dictionary<string, HashSet<string>>> abbreviations = new(StringComparer.Ordinal);

    /// <param name="dictionaries">Dictionary teachers whose lexicons name entities.</param>
    /// <param name="morphology">Disease phrase rules, or null to use the dictionaries only.</param>
    /// <param name="morphologyVersion">The morphology teacher's fingerprint parameters (required with <paramref name="morphology"/>).</param>
    public LexiconLongFormRecognizer(IEnumerable<DictionaryTeacher> dictionaries, DiseasePhraseMatcher? morphology = null, string? morphologyVersion = null)
    {
        this.dictionaries = dictionaries.ToArray();
        this.morphology = morphology;
        this.morphologyVersion = morphology is null ? null : morphologyVersion ?? throw new ArgumentNullException(nameof(morphologyVersion), "a morphology matcher needs its version for the fingerprint");
        foreach (var dictionary in this.dictionaries)
            IndexAbbreviations(dictionary.Lexicon);
        Version = string.Join(";", this.dictionaries.Select(d => $"{d.Name}:{d.Fingerprint(EntityTypes.Disease).Model}:{d.Fingerprint(EntityTypes.Disease).ParametersJson}")
            .Append(morphology is null ? "morphology:none" : $"morphology:{this.morphologyVersion}"));
    }

    /// <summary>The recognizer of <see cref="OfflineTeachers"/>: these dictionaries plus the morphology teacher's rules.</summary>
    public static LexiconLongFormRecognizer Create(IEnumerable<DictionaryTeacher> dictionaries, MorphologyTeacher? morphology)
    {
        if (morphology is null) return new LexiconLongFormRecognizer(dictionaries);
        var fingerprint = morphology.Fingerprint(EntityTypes.Disease);
        return new LexiconLongFormRecognizer(dictionaries, morphology.Matcher, $"{fingerprint.Model}:{fingerprint.ParametersJson}");
    }

    public string Version { get; }

    public bool Supports(string entityType) =>
        dictionaries.Any(d => d.Supports(entityType)) || (morphology is not null && entityType == EntityTypes.Disease);

    public IReadOnlyList<EntitySpan> Recognize(string text, string entityType)
    {
        var spans = new List<EntitySpan>();
        foreach (var dictionary in dictionaries.Where(d => d.Supports(entityType)))
            spans.AddRange(dictionary.MatcherFor(entityType).Match(text, expandAbbreviations: false));
        if (morphology is not null && entityType == EntityTypes.Disease)
            spans.AddRange(morphology.Match(text, entityType));
        return spans;
    }

    public bool IsKnownDefinition(string shortForm, string longForm, string entityType)
    {
        if (!abbreviations.TryGetValue(entityType, out var byForm) || !byForm.TryGetValue(shortForm, out var words)) return false;
        var longWords = Words(longForm);
        return longWords.Count > 0 && longWords.All(words.Contains);
    }

    void IndexAbbreviations(Lexicon lexicon)
    {
        var byConcept = lexicon.Entries.GroupBy(e => (e.EntityType, e.ConceptId));
        foreach (var concept in byConcept)
        {
            var forms = concept.Select(e => e.Term).Where(IsCapitalsOnly).ToArray();
            if (forms.Length == 0) continue;
            if (!abbreviations.TryGetValue(concept.Key.EntityType, out var byForm))
                abbreviations[concept.Key.EntityType] = byForm = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var form in forms)
            {
                if (!byForm.TryGetValue(form, out var words)) byForm[form] = words = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in concept) words.UnionWith(Words(entry.Term));
            }
        }
    }

    /// <summary>An abbreviation as vocabularies write one: a single token of capitals, digits and hyphens with a letter ("VHL", "A-T", "MEN1").</summary>
    static bool IsCapitalsOnly(string term) =>
        term.Length is >= 2 and <= 10 && term.Any(char.IsLetter) && term.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '-');

    /// <summary>The normalized word tokens of a text, hyphens and punctuation left out.</summary>
    static HashSet<string> Words(string text) =>
        ClinicalWordTokenizer.Instance.Tokenize(text).Where(t => t.Text.Any(char.IsLetterOrDigit)).Select(t => TermNormalizer.Normalize(t.Text)).ToHashSet(StringComparer.Ordinal);
}
