using Distill.Evaluation;

namespace Distill.Aggregation;

/// <summary>What one teacher costs per note for one entity type (from the teacher cache).</summary>
/// <param name="CostPerNote">Mean US dollars per note.</param>
/// <param name="LatencyPerNote">Mean seconds per note.</param>
public sealed record TeacherCostProfile(string Teacher, string EntityType, double CostPerNote, double LatencyPerNote);

/// <summary>Settings of the subset search; defaults are the ones the embedded default run uses.</summary>
/// <param name="Rules">Combiners to try (null: <see cref="LabelCombiners.All"/>).</param>
/// <param name="CrossValidationFolds">Folds over documents for rules fitted on gold (weighted vote).</param>
/// <param name="BootstrapResamples">Resamples for the near-tie test between the best subset and the runners-up.</param>
/// <param name="Seed">Seeds the fold assignment and the bootstrap.</param>
/// <param name="NearTieCandidates">How many runners-up (by F1) are tested for a near-tie with the best.</param>
/// <param name="Confidence">Confidence level of the bootstrap interval of the F1 difference.</param>
public sealed record SubsetSearchOptions(
    IReadOnlyList<ILabelCombiner>? Rules = null,
    int CrossValidationFolds = 5,
    int BootstrapResamples = 1000,
    int Seed = Distill.Runtime.StudyDefaults.SearchSeed,
    int NearTieCandidates = 20,
    double Confidence = 0.95);

/// <summary>Token-level dev score of one subset under one rule for one entity type.</summary>
public sealed record SubsetScore(
    string EntityType,
    ILabelCombiner Rule,
    TeacherSubset Subset,
    string Teachers,
    long TruePositives,
    long FalsePositives,
    long FalseNegatives,
    double CostPerNote,
    double LatencyPerNote)
{
    public int Size => Subset.Count;
    PrecisionRecallF1 Scores => new(TruePositives, FalsePositives, FalseNegatives);
    public double Precision => Scores.Precision;
    public double Recall => Scores.Recall;
    public double F1 => Scores.F1;
}

/// <summary>
/// The pick for one entity type. <see cref="Chosen"/> is the cheapest among the top subset by F1 and
/// the runners-up whose F1 difference to it has a bootstrap interval containing zero.
/// </summary>
public sealed record SubsetChoice(string EntityType, SubsetScore Chosen, SubsetScore TopByF1, IReadOnlyList<NearTie> NearTies, double[] Probabilities)
{
    public string Reason => Chosen == TopByF1
        ? "highest dev F1" + (NearTies.Count > 0 ? $" (no statistically tied runner-up is cheaper; {NearTies.Count} tied)" : "")
        : $"cheapest of {NearTies.Count + 1} statistically tied subsets (top F1 {TopByF1.F1:F3} by {TopByF1.Teachers} / {TopByF1.Rule.Name})";
}

/// <summary>A runner-up and the bootstrap interval of (top F1 − its F1).</summary>
public sealed record NearTie(SubsetScore Score, double DifferenceLow, double DifferenceHigh);

/// <summary>Everything the search found.</summary>
public sealed record SubsetSearchResult(
    IReadOnlyList<string> Teachers,
    IReadOnlyList<SubsetScore> Scores,
    IReadOnlyList<SubsetChoice> Choices,
    IReadOnlyDictionary<string, IReadOnlyList<SubsetScore>> ParetoFrontiers);

/// <summary>
/// Scores every non-empty teacher subset under every combination rule on a gold dev set, per entity
/// type, and picks one per type: best token-level F1, with ties and near-ties (bootstrap interval of
/// the F1 difference containing zero) going to the cheaper subset. Also gives the cost/F1 Pareto
/// frontier. Token-level means: our word tokens, IO tags, a token is a true positive for a type when
/// gold and combined labels both put it inside that type (the reference study's metric).
/// </summary>
internal static class SubsetSearch
{
    public static SubsetSearchResult Run(IReadOnlyList<VoteTable> tables, IReadOnlyList<TeacherCostProfile> costs, SubsetSearchOptions? options = null)
    {
        options ??= new SubsetSearchOptions();
        if (tables.Count == 0) throw new ArgumentException("No vote tables: give one per entity type.");
        var teachers = tables[0].Teachers;
        foreach (var t in tables)
        {
            if (!t.Teachers.SequenceEqual(teachers)) throw new ArgumentException($"Vote table '{t.EntityType}' lists other teachers than '{tables[0].EntityType}'.");
            if (!t.HasGold) throw new ArgumentException($"Vote table '{t.EntityType}' has no gold labels; subset search scores on a gold dev set.");
        }
        var rules = options.Rules ?? LabelCombiners.All;
        var scores = new List<SubsetScore>();
        var choices = new List<SubsetChoice>();
        var pareto = new Dictionary<string, IReadOnlyList<SubsetScore>>();
        foreach (var table in tables)
        {
            var evaluator = new SubsetEvaluator(table, options);
            var typeScores = new List<SubsetScore>();
            foreach (var subset in TeacherSubset.All(teachers.Count).Where(s => (s.Mask & ~table.EligibleMask) == 0))
            {
                var (cost, latency) = CostOf(subset, table.EntityType, teachers, costs);
                foreach (var rule in rules)
                {
                    var (tp, fp, fn) = evaluator.Score(subset, rule);
                    typeScores.Add(new SubsetScore(table.EntityType, rule, subset, subset.Describe(teachers), tp, fp, fn, cost, latency));
                }
            }
            scores.AddRange(typeScores);
            choices.Add(Choose(evaluator, typeScores, options));
            pareto[table.EntityType] = ParetoFrontier(typeScores);
        }
        return new SubsetSearchResult(teachers, scores, choices, pareto);
    }

    /// <summary>Summed cost and latency per note of a subset's teachers (the teachers run one after another).</summary>
    public static (double cost, double latency) CostOf(TeacherSubset subset, string entityType, IReadOnlyList<string> teachers, IReadOnlyList<TeacherCostProfile> costs)
    {
        double cost = 0, latency = 0;
        foreach (var i in subset.Members())
        {
            var profile = costs.FirstOrDefault(c => c.Teacher == teachers[i] && c.EntityType == entityType);
            if (profile is null) continue;
            cost += profile.CostPerNote;
            latency += profile.LatencyPerNote;
        }
        return (cost, latency);
    }

    /// <summary>Scores not beaten by another that is at most as costly and strictly better in F1, by cost.</summary>
    public static IReadOnlyList<SubsetScore> ParetoFrontier(IEnumerable<SubsetScore> scores)
    {
        var frontier = new List<SubsetScore>();
        var bestF1 = double.NegativeInfinity;
        foreach (var s in scores.OrderBy(s => s.CostPerNote).ThenByDescending(s => s.F1).ThenBy(s => s.Size))
        {
            if (s.F1 <= bestF1) continue;
            frontier.Add(s);
            bestF1 = s.F1;
        }
        return frontier;
    }

    static SubsetChoice Choose(SubsetEvaluator evaluator, List<SubsetScore> scores, SubsetSearchOptions options)
    {
        var ranked = scores.OrderByDescending(s => s.F1).ThenBy(s => s.CostPerNote).ThenBy(s => s.Size).ThenBy(s => s.Subset.Mask).ThenBy(s => LabelCombiners.Rank(s.Rule)).ToList();
        var top = ranked[0];
        var topCounts = evaluator.PerDocumentCounts(top.Subset, top.Rule);
        // The evaluation stage's document resampling, drawn once and shared by every candidate (a paired test).
        var resamples = Bootstrap.DrawResamples(evaluator.DocumentCount, options.BootstrapResamples, options.Seed);
        var ties = new List<NearTie>();
        foreach (var candidate in ranked.Skip(1).Take(options.NearTieCandidates))
        {
            var counts = evaluator.PerDocumentCounts(candidate.Subset, candidate.Rule);
            var (low, high) = DifferenceInterval(topCounts, counts, resamples, options.Confidence);
            if (candidate.F1 == top.F1 || (low <= 0 && high >= 0))
                ties.Add(new NearTie(candidate, low, high));
        }
        var chosen = ties.Select(t => t.Score).Prepend(top)
            .OrderBy(s => s.CostPerNote).ThenByDescending(s => s.F1).ThenBy(s => s.Size).First();
        return new SubsetChoice(top.EntityType, chosen, top, ties, evaluator.FitOnAll(chosen.Subset, chosen.Rule));
    }

    // Percentile interval of F1(a) − F1(b) over the same document resamples (paired).
    static (double low, double high) DifferenceInterval((long tp, long fp, long fn)[] a, (long tp, long fp, long fn)[] b, int[][] resamples, double confidence)
    {
        var diffs = new double[resamples.Length];
        for (var r = 0; r < resamples.Length; r++)
        {
            long atp = 0, afp = 0, afn = 0, btp = 0, bfp = 0, bfn = 0;
            foreach (var d in resamples[r])
            {
                atp += a[d].tp; afp += a[d].fp; afn += a[d].fn;
                btp += b[d].tp; bfp += b[d].fp; bfn += b[d].fn;
            }
            diffs[r] = new PrecisionRecallF1(atp, afp, afn).F1 - new PrecisionRecallF1(btp, bfp, bfn).F1;
        }
        // The evaluation stage's percentile interval (numpy's linear quantile), so both stages' intervals agree.
        var interval = Bootstrap.Interval(0, diffs, confidence);
        return (interval.Lower, interval.Upper);
    }
}
