using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Evaluation;
using Distill.Evaluation.Relations;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>One system's test output to score: its pairs per sentence and what it cost.</summary>
internal sealed record AdeSystemOutput(string System, string Kind, IReadOnlyList<IReadOnlyList<AdePair>> Pairs, double SecondsPerSentence, double DollarsPerSentence, string CostNote);

/// <summary>Scores systems on the test split: pairs strict and lenient with sentence-bootstrap intervals, and drug NER token F1.</summary>
internal static class AdeEvaluationStage
{
    public static AdeStudyRow Score(AdeSystemOutput output, IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<AdePair>> gold, BootstrapOptions bootstrap)
    {
        var s = PairScorer.Score(ids, gold, output.Pairs, bootstrap);
        return new AdeStudyRow(output.System, output.Kind, s.Strict.Precision, s.Strict.Recall, s.Strict.F1, s.StrictIntervals.F1.Lower, s.StrictIntervals.F1.Upper,
            s.Lenient.F1, s.LenientIntervals.F1.Lower, s.LenientIntervals.F1.Upper, output.SecondsPerSentence, output.DollarsPerSentence, output.CostNote);
    }

    /// <summary>
    /// The student against the combination on the same test sentences, strict and lenient: the paired bootstrap
    /// difference of pair F1 with its interval and p-value (<see cref="Bootstrap.PairedTest"/>), so "above its
    /// teachers" is a tested claim rather than two intervals read side by side.
    /// </summary>
    public static IReadOnlyList<AdeComparisonRow> Compare(AdeSystemOutput student, AdeSystemOutput combination, IReadOnlyList<string> ids,
        IReadOnlyList<IReadOnlyList<AdePair>> gold, BootstrapOptions bootstrap) =>
        new[] { (MatchingMode.EntityStrict, "strict"), (MatchingMode.EntityLenient, "lenient") }.Select(m =>
        {
            var test = Bootstrap.PairedTest(student.System, PairScorer.Count(ids, gold, student.Pairs, m.Item1),
                combination.System, PairScorer.Count(ids, gold, combination.Pairs, m.Item1), PairScorer.PairType, bootstrap);
            return new AdeComparisonRow(student.System, combination.System, m.Item2, test.Difference.Estimate, test.Difference.Lower, test.Difference.Upper, test.PValue);
        }).ToArray();

    /// <summary>
    /// Drug NER, token level (our word tokens, IO), on the test sentences that have relations: ADE-Corpus-V2 annotates a
    /// drug only where it is in a Drug-AE or Drug-Dose relation, so negative sentences (and unrelated drugs in
    /// positive ones) have no drug gold; scoring them would count real drugs as false positives.
    /// </summary>
    public static AdeDrugNerRow DrugNer(string system, IReadOnlyList<AdeSentence> test, IReadOnlyList<IReadOnlyList<EntitySpan>> predictedDrugs, BootstrapOptions bootstrap)
    {
        var annotated = Enumerable.Range(0, test.Count).Where(i => test[i].Relations.Count > 0).ToArray();
        var gold = annotated.Select(i => test[i].Document.WithSpans(test[i].Document.SpansOf(AdeTypes.Drug))).ToArray();
        var predicted = annotated.Select(i => test[i].Document.WithSpans(predictedDrugs[i].Select(d => d with { Type = AdeTypes.Drug }))).ToArray();
        var scorer = new TokenLevelScorer();
        var counts = scorer.Count(scorer.Prepare(gold, [AdeTypes.Drug]), predicted);
        var score = counts.Summarize().PerType[AdeTypes.Drug];
        var interval = Bootstrap.ConfidenceIntervals(counts, bootstrap)[AdeTypes.Drug].F1;
        return new AdeDrugNerRow(system, score.Precision, score.Recall, score.F1, interval.Lower, interval.Upper);
    }
}
