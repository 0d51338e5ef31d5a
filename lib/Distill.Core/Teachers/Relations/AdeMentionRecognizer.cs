using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Llm;
using Distill.Teachers.Morphology;

namespace Distill.Teachers.Relations;

/// <summary>
/// Drug and adverse-event mentions of a sentence from the offline vocabularies, never from gold: drugs from DrugBank
/// (the <c>dictionary</c> teacher's medication lexicon) and MeSH chemicals and drugs; adverse events from the Disease
/// Ontology and Symptom Ontology (<c>dictionary</c>), MeSH diseases and symptoms, and the disease morphology
/// ("-itis", "-emia", "-toxicity", "acute renal failure"). Overlaps are resolved longest first; an event that overlaps
/// a drug is dropped (the drug wins: "insulin" is not an event in "insulin-induced hypoglycemia").
/// </summary>
public sealed class AdeMentionRecognizer
{
    readonly IReadOnlyList<TokenTrieMatcher> drugMatchers;
    readonly IReadOnlyList<TokenTrieMatcher> eventMatchers;
    readonly DiseasePhraseMatcher? morphology;

    public AdeMentionRecognizer(IReadOnlyList<TokenTrieMatcher> drugMatchers, IReadOnlyList<TokenTrieMatcher> eventMatchers, DiseasePhraseMatcher? morphology)
    {
        if (drugMatchers.Count == 0) throw new ArgumentException("Give at least one drug lexicon.", nameof(drugMatchers));
        this.drugMatchers = drugMatchers;
        this.eventMatchers = eventMatchers;
        this.morphology = morphology;
        Version = Cache.CacheKey.Sha256Hex(string.Join("|",
            drugMatchers.Select(m => "d:" + m.ContentHash).Concat(eventMatchers.Select(m => "e:" + m.ContentHash))
                .Append("m:" + (morphology is null ? "none" : DiseaseMorphology.Version))))[..16];
    }

    /// <summary>The recognizer over the shipped offline vocabularies (<see cref="OfflineTeachers"/>).</summary>
    public static AdeMentionRecognizer Create(OfflineTeachers offline)
    {
        var drugs = new[] { offline.Dictionary, offline.Mesh }.Where(t => t.Supports(EntityTypes.Medication)).Select(t => t.MatcherFor(EntityTypes.Medication)).ToArray();
        var events = new[] { offline.Dictionary, offline.Mesh }
            .SelectMany(t => new[] { EntityTypes.Disease, EntityTypes.Symptom }.Where(t.Supports).Select(t.MatcherFor)).ToArray();
        return new AdeMentionRecognizer(drugs, events, offline.Morphology.Matcher);
    }

    /// <summary>A hash of the lexicons and rules behind the mentions (part of a relation teacher's cache fingerprint).</summary>
    public string Version { get; }

    /// <summary>Drug mentions (type <c>medication</c>), by start.</summary>
    public IReadOnlyList<EntitySpan> Drugs(string text) =>
        MentionLocator.LongestNonOverlapping(drugMatchers.SelectMany(m => m.Match(text)).Select(s => s with { Type = AdeTypes.Drug }));

    /// <summary>Adverse-event candidates (type <c>adverse_effect</c>) that overlap no drug in <paramref name="drugs"/>, by start.</summary>
    public IReadOnlyList<EntitySpan> Events(string text, IReadOnlyList<EntitySpan> drugs)
    {
        var candidates = eventMatchers.SelectMany(m => m.Match(text));
        if (morphology is not null) candidates = candidates.Concat(morphology.Match(text));
        return MentionLocator.LongestNonOverlapping(candidates.Select(s => s with { Type = AdeTypes.AdverseEffect }))
            .Where(e => !drugs.Any(d => d.Overlaps(e))).ToArray();
    }
}
