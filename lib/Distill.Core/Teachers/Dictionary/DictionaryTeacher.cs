using System.Text.Json;
using Distill.Corpora;

namespace Distill.Teachers.Dictionary;

/// <summary>
/// The offline teacher: longest-match lookup of shipped vocabulary terms (Disease Ontology, Symptom Ontology,
/// DrugBank open vocabulary). Needs no key and no network, so the pipeline runs on a fresh clone; it is the
/// embedded default teacher. Deterministic: the same note always gets the same spans.
/// </summary>
public sealed class DictionaryTeacher : ICacheableTeacher
{
    readonly Dictionary<string, TokenTrieMatcher> matchers;
    readonly Lexicon lexicon;
    readonly LexiconOptions options;

    public DictionaryTeacher(Lexicon lexicon, LexiconOptions? options = null, string name = "dictionary")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.lexicon = lexicon;
        this.options = options ?? new LexiconOptions();
        Name = name;
        matchers = lexicon.EntityTypes.ToDictionary(t => t, t => new TokenTrieMatcher(t, lexicon.Of(t), this.options));
    }

    /// <summary>The teacher over the default shipped vocabularies.</summary>
    public static DictionaryTeacher CreateDefault(LexiconOptions? options = null) => new(Lexicon.Load(options), options);

    public string Name { get; }
    public TeacherKind Kind => TeacherKind.Dictionary;

    /// <summary>Entity types this teacher has a lexicon for.</summary>
    public IReadOnlyCollection<string> EntityTypes => matchers.Keys;

    /// <summary>The terms it matches (shared by other teachers built on the same vocabularies, see <c>OfflineTeachers</c>).</summary>
    public Lexicon Lexicon => lexicon;

    public LexiconOptions Options => options;

    public bool Supports(string entityType) => matchers.ContainsKey(entityType);

    public TokenTrieMatcher MatcherFor(string entityType) =>
        matchers.TryGetValue(entityType, out var m)
            ? m
            : throw new ArgumentException($"The dictionary has no terms for entity type '{entityType}'; it has: {string.Join(", ", matchers.Keys)}.", nameof(entityType));

    public TeacherFingerprint Fingerprint(string entityType) => new(
        $"lexicon:{lexicon.Hash}",
        "",
        JsonSerializer.Serialize(new
        {
            related = options.IncludeRelatedSynonyms,
            min_length = options.MinimumTermLength,
            abbreviation_max = options.CaseSensitiveAbbreviationMaxLength,
            // The stop list and normalizer are code; their version is bumped by hand when they change.
            matcher_version = 2,
        }),
        UsesNetwork: false);

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default) =>
        OfflineLabeling.Run(this, document, entityType, text => matchers[entityType].Match(text),
            () => $"no dictionary terms for entity type '{entityType}' (have: {string.Join(", ", matchers.Keys)})", cancellationToken);
}
