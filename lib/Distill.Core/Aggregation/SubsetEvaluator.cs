namespace Distill.Aggregation;

/// <summary>
/// Scores subsets of one <see cref="VoteTable"/>. Folds for the gold-fitted rule are fixed once
/// (seeded shuffle of documents), and each fold's pattern counts are summed once, so scoring a
/// subset is a handful of passes over distinct vote patterns.
/// </summary>
internal sealed class SubsetEvaluator
{
    readonly VoteTable table;
    readonly int[] foldOfDocument;
    readonly PatternCounts[] foldCounts;

    public SubsetEvaluator(VoteTable table, SubsetSearchOptions options)
    {
        this.table = table;
        var n = table.DocumentIds.Count;
        var folds = Math.Clamp(options.CrossValidationFolds, 2, Math.Max(2, n));
        var order = Enumerable.Range(0, n).ToArray();
        new Random(options.Seed).Shuffle(order);
        foldOfDocument = new int[n];
        for (var i = 0; i < n; i++) foldOfDocument[order[i]] = i % folds;
        foldCounts = Enumerable.Range(0, folds)
            .Select(f => PatternCounts.Sum(Enumerable.Range(0, n).Where(d => foldOfDocument[d] == f).Select(table.Document)))
            .ToArray();
    }

    public int DocumentCount => table.DocumentIds.Count;

    /// <summary>Token counts of a subset and rule on the whole table (cross-validated where the rule uses gold).</summary>
    public (long tp, long fp, long fn) Score(TeacherSubset subset, ILabelCombiner rule)
    {
        long tp = 0, fp = 0, fn = 0;
        foreach (var (decision, eval) in DecisionsWithEvaluationCounts(subset, rule))
            Accumulate(decision, eval.tokens, eval.gold, ref tp, ref fp, ref fn);
        return (tp, fp, fn);
    }

    /// <summary>Per-document counts, for the paired bootstrap.</summary>
    public (long tp, long fp, long fn)[] PerDocumentCounts(TeacherSubset subset, ILabelCombiner rule)
    {
        var decisions = rule.NeedsGold
            ? Enumerable.Range(0, foldCounts.Length).Select(f => FitExcludingFold(subset, rule, f)).ToArray()
            : [FitOnAll(subset, rule)];
        var result = new (long, long, long)[DocumentCount];
        for (var d = 0; d < DocumentCount; d++)
        {
            var (tokens, gold) = table.Document(d).Restrict(subset);
            long tp = 0, fp = 0, fn = 0;
            Accumulate(decisions[rule.NeedsGold ? foldOfDocument[d] : 0], tokens, gold, ref tp, ref fp, ref fn);
            result[d] = (tp, fp, fn);
        }
        return result;
    }

    /// <summary>The rule fitted on the whole table: P(inside) per compressed pattern.</summary>
    public double[] FitOnAll(TeacherSubset subset, ILabelCombiner rule)
    {
        var (tokens, gold) = table.Total.Restrict(subset);
        return rule.Fit(subset.Count, tokens, gold);
    }

    IEnumerable<(double[] decision, (long[] tokens, long[] gold) eval)> DecisionsWithEvaluationCounts(TeacherSubset subset, ILabelCombiner rule)
    {
        if (!rule.NeedsGold)
        {
            var all = table.Total.Restrict(subset);
            yield return (rule.Fit(subset.Count, all.tokens, all.gold), all);
            yield break;
        }
        for (var f = 0; f < foldCounts.Length; f++)
            yield return (FitExcludingFold(subset, rule, f), foldCounts[f].Restrict(subset));
    }

    double[] FitExcludingFold(TeacherSubset subset, ILabelCombiner rule, int fold)
    {
        var (tokens, gold) = table.Total.Restrict(subset);
        var (ft, fg) = foldCounts[fold].Restrict(subset);
        for (var q = 0; q < tokens.Length; q++) { tokens[q] -= ft[q]; gold[q] -= fg[q]; }
        return rule.Fit(subset.Count, tokens, gold);
    }

    static void Accumulate(double[] probability, long[] tokens, long[] gold, ref long tp, ref long fp, ref long fn)
    {
        for (var q = 0; q < tokens.Length; q++)
        {
            if (probability[q] > 0.5) { tp += gold[q]; fp += tokens[q] - gold[q]; }
            else fn += gold[q];
        }
    }
}
