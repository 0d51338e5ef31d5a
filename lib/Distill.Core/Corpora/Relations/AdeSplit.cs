namespace Distill.Corpora.Relations;

/// <summary>
/// The fixed, seeded split of ADE-Corpus-V2 by PMID into a training pool (teacher labels only, no gold used),
/// dev (teacher subsets and rules chosen, pattern thresholds tuned) and test (measured once).
/// <para>
/// Why by PMID and why one split: sentences of one case report share drugs, wording and often the same event, so a
/// split by sentence leaks; earlier supervised work (Gurulingappa et al. 2012, Gu et al. 2023) reports 10-fold
/// cross-validation, but a distillation study needs a held-out dev split for the teacher choice and one untouched
/// test split, and ten trainings of the student do not fit on 2 CPU cores. A PMID goes to test when its
/// <see cref="MimicNoteEventsReader.SampleKey"/> under the seed falls in the lowest <see cref="TestFraction"/>, to
/// dev in the next <see cref="DevFraction"/>: the assignment depends only on (seed, PMID), so every machine gets the
/// same sentences whatever the file order. Negative sentences (ADE-NEG.txt) go with their PMID, so each split has
/// the corpus's mix of sentences with and without an adverse event.
/// </para>
/// </summary>
/// <param name="Pool">Sentences a student may learn from (through teacher labels).</param>
/// <param name="Dev">Sentences for choosing teachers, rules and thresholds.</param>
/// <param name="Test">Sentences measured once.</param>
/// <param name="Seed">The seed that made the split.</param>
internal sealed record AdeSplit(IReadOnlyList<AdeSentence> Pool, IReadOnlyList<AdeSentence> Dev, IReadOnlyList<AdeSentence> Test, int Seed)
{
    public const double TestFraction = 0.2;
    public const double DevFraction = 0.1;

    /// <summary>Splits <paramref name="sentences"/> by their <c>pmid</c> metadata; each split keeps the input order.</summary>
    public static AdeSplit Create(IReadOnlyList<AdeSentence> sentences, int seed)
    {
        var pmids = sentences.Select(Pmid).Distinct(StringComparer.Ordinal)
            .OrderBy(p => MimicNoteEventsReader.SampleKey(p, seed)).ThenBy(p => p, StringComparer.Ordinal).ToArray();
        var testCount = (int)Math.Round(pmids.Length * TestFraction);
        var devCount = (int)Math.Round(pmids.Length * DevFraction);
        var test = pmids.Take(testCount).ToHashSet(StringComparer.Ordinal);
        var dev = pmids.Skip(testCount).Take(devCount).ToHashSet(StringComparer.Ordinal);
        return new AdeSplit(
            sentences.Where(s => !test.Contains(Pmid(s)) && !dev.Contains(Pmid(s))).ToArray(),
            sentences.Where(s => dev.Contains(Pmid(s))).ToArray(),
            sentences.Where(s => test.Contains(Pmid(s))).ToArray(),
            seed);
    }

    /// <summary>
    /// A seeded subset of <paramref name="sentences"/> of at most <paramref name="count"/>, by the same hash of the
    /// document id (the quick study's smaller pool, dev and test); the input order is kept.
    /// </summary>
    public static IReadOnlyList<AdeSentence> Sample(IReadOnlyList<AdeSentence> sentences, int count, int seed)
    {
        if (count >= sentences.Count) return sentences;
        var keep = sentences.Select((s, i) => (Key: MimicNoteEventsReader.SampleKey(s.Document.Id, seed), Index: i))
            .OrderBy(x => x.Key).ThenBy(x => x.Index).Take(count).Select(x => x.Index).ToHashSet();
        return sentences.Where((_, i) => keep.Contains(i)).ToArray();
    }

    static string Pmid(AdeSentence s) => s.Document.Metadata.TryGetValue("pmid", out var pmid) ? pmid : s.Document.Id;
}
