namespace Distill.Corpora.Relations;

/// <summary>
/// One (drug, adverse event) pair of a sentence: the unit of ADE extraction (Gu et al. 2023, arXiv 2307.06439).
/// Both spans are character ranges of the sentence; a pair's identity is its four offsets.
/// </summary>
/// <param name="Drug">The drug mention.</param>
/// <param name="AdverseEvent">The adverse-event mention the drug caused.</param>
public sealed record AdePair(EntitySpan Drug, EntitySpan AdverseEvent)
{
    /// <summary>The four offsets that identify the pair (strict matching compares these).</summary>
    public (int DrugStart, int DrugEnd, int EventStart, int EventEnd) Key => (Drug.Start, Drug.End, AdverseEvent.Start, AdverseEvent.End);

    /// <summary>Both spans share a character with the other pair's (lenient matching).</summary>
    public bool Overlaps(AdePair other) => Drug.Overlaps(other.Drug) && AdverseEvent.Overlaps(other.AdverseEvent);

    /// <summary>The gold Drug-AE pairs of a corpus sentence (Drug-Dose relations are not adverse events), distinct, in text order.</summary>
    internal static IReadOnlyList<AdePair> GoldOf(AdeSentence sentence) =>
        sentence.Relations.Where(r => r.Kind == "Drug-AE")
            .Select(r => new AdePair(r.Drug, r.Other))
            .DistinctBy(p => p.Key).OrderBy(p => p.Drug.Start).ThenBy(p => p.AdverseEvent.Start).ToArray();
}
