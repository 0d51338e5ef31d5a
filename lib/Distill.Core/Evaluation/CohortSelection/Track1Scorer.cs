namespace Distill.Evaluation.CohortSelection;

/// <summary>
/// Scores met / not met predictions as the official n2c2 2018 Track 1 scorer does (filannim/2018_n2c2_evaluation_scripts,
/// <c>track1_eval.py</c>): per criterion, "met" and "not met" are each scored as the positive class over patients
/// (precision, recall, F1; specificity and AUC = (recall + specificity) / 2 for "met"); the criterion's overall F1 is the
/// mean of the two F1s. Micro: the counts of all criteria added up, then the same. Macro: each measure averaged over the
/// criteria (overall F1 and AUC likewise). A ratio with a zero denominator is 0, as in the script. The challenge's
/// headline is the micro overall F1.
/// </summary>
public static class Track1Scorer
{
    /// <param name="gold">Per patient id, per criterion name, met.</param>
    /// <param name="predicted">The same for the system; every gold patient and criterion must be present.</param>
    /// <param name="criteria">Criteria to score (default: all 13).</param>
    public static Track1Scores Score(IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> gold,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> predicted, IReadOnlyList<string>? criteria = null)
    {
        criteria ??= Corpora.N2c2Track1Reader.CriterionNames;
        var rows = new List<Track1Row>();
        Counts totalMet = default, totalNotMet = default;
        foreach (var criterion in criteria)
        {
            Counts met = default, notMet = default;
            foreach (var (patient, tags) in gold)
            {
                if (!predicted.TryGetValue(patient, out var system) || !system.TryGetValue(criterion, out var s))
                    throw new ArgumentException($"No prediction for patient '{patient}', criterion {criterion}.", nameof(predicted));
                var g = tags[criterion];
                met = met.Add(g, s);
                notMet = notMet.Add(!g, !s);
            }
            totalMet = totalMet.Plus(met);
            totalNotMet = totalNotMet.Plus(notMet);
            rows.Add(Row(criterion, met, notMet));
        }
        var macro = new Track1Row("Overall (macro)",
            rows.Average(r => r.MetPrecision), rows.Average(r => r.MetRecall), rows.Average(r => r.MetSpecificity), rows.Average(r => r.MetF1),
            rows.Average(r => r.NotMetPrecision), rows.Average(r => r.NotMetRecall), rows.Average(r => r.NotMetF1),
            rows.Average(r => r.OverallF1), rows.Average(r => r.BalancedAccuracy));
        return new Track1Scores(rows, Row("Overall (micro)", totalMet, totalNotMet), macro, gold.Count);
    }

    static Track1Row Row(string name, Counts met, Counts notMet) =>
        new(name, met.Precision, met.Recall, met.Specificity, met.F1, notMet.Precision, notMet.Recall, notMet.F1, (met.F1 + notMet.F1) / 2,
            (met.Recall + met.Specificity) / 2);

    /// <summary>Confusion counts for one positive class, with the scorer's zero-denominator rule.</summary>
    readonly record struct Counts(int Tp, int Fp, int Tn, int Fn)
    {
        public Counts Add(bool gold, bool system) => (gold, system) switch
        {
            (true, true) => this with { Tp = Tp + 1 },
            (false, true) => this with { Fp = Fp + 1 },
            (false, false) => this with { Tn = Tn + 1 },
            _ => this with { Fn = Fn + 1 },
        };

        public Counts Plus(Counts o) => new(Tp + o.Tp, Fp + o.Fp, Tn + o.Tn, Fn + o.Fn);

        static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
        public double Precision => Ratio(Tp, Tp + Fp);
        public double Recall => Ratio(Tp, Tp + Fn);
        public double Specificity => Ratio(Tn, Fp + Tn);
        // The script: 2PR / (P + R), 0 when P + R = 0.
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    }
}
