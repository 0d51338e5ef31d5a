using Microsoft.Data.Analysis;

namespace Distill.Aggregation;

/// <summary>Tables of a subset search, as DataFrames.</summary>
public static class SubsetSearchReport
{
    /// <summary>One row per subset × rule × entity type, best F1 first within each type.</summary>
    public static DataFrame Scores(SubsetSearchResult result)
    {
        var rows = result.Scores.OrderBy(s => s.EntityType, StringComparer.Ordinal).ThenByDescending(s => s.F1).ThenBy(s => s.CostPerNote).ToList();
        return new DataFrame(
            new StringDataFrameColumn("entity_type", rows.Select(r => r.EntityType)),
            new StringDataFrameColumn("teachers", rows.Select(r => r.Teachers)),
            new Int32DataFrameColumn("size", rows.Select(r => r.Size)),
            new StringDataFrameColumn("rule", rows.Select(r => r.Rule.Name)),
            new DoubleDataFrameColumn("precision", rows.Select(r => Math.Round(r.Precision, 4))),
            new DoubleDataFrameColumn("recall", rows.Select(r => Math.Round(r.Recall, 4))),
            new DoubleDataFrameColumn("f1", rows.Select(r => Math.Round(r.F1, 4))),
            new Int64DataFrameColumn("tp", rows.Select(r => r.TruePositives)),
            new Int64DataFrameColumn("fp", rows.Select(r => r.FalsePositives)),
            new Int64DataFrameColumn("fn", rows.Select(r => r.FalseNegatives)),
            new DoubleDataFrameColumn("cost_per_note_usd", rows.Select(r => r.CostPerNote)),
            new DoubleDataFrameColumn("latency_per_note_s", rows.Select(r => Math.Round(r.LatencyPerNote, 4))));
    }

    /// <summary>The reference study's table shape: per entity type, the chosen combination and its dev F1.</summary>
    public static DataFrame Choices(SubsetSearchResult result)
    {
        var rows = result.Choices;
        return new DataFrame(
            new StringDataFrameColumn("entity_type", rows.Select(r => r.EntityType)),
            new StringDataFrameColumn("best_combination", rows.Select(r => r.Chosen.Teachers)),
            new StringDataFrameColumn("rule", rows.Select(r => r.Chosen.Rule.Name)),
            new DoubleDataFrameColumn("dev_precision", rows.Select(r => Math.Round(r.Chosen.Precision, 4))),
            new DoubleDataFrameColumn("dev_recall", rows.Select(r => Math.Round(r.Chosen.Recall, 4))),
            new DoubleDataFrameColumn("dev_f1", rows.Select(r => Math.Round(r.Chosen.F1, 4))),
            new DoubleDataFrameColumn("cost_per_note_usd", rows.Select(r => r.Chosen.CostPerNote)),
            new Int32DataFrameColumn("near_ties", rows.Select(r => r.NearTies.Count)),
            new StringDataFrameColumn("why", rows.Select(r => r.Reason)));
    }

    /// <summary>The cost/F1 Pareto frontier per entity type.</summary>
    public static DataFrame Pareto(SubsetSearchResult result)
    {
        var rows = result.ParetoFrontiers.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();
        return new DataFrame(
            new StringDataFrameColumn("entity_type", rows.Select(r => r.EntityType)),
            new StringDataFrameColumn("teachers", rows.Select(r => r.Teachers)),
            new StringDataFrameColumn("rule", rows.Select(r => r.Rule.Name)),
            new DoubleDataFrameColumn("f1", rows.Select(r => Math.Round(r.F1, 4))),
            new DoubleDataFrameColumn("cost_per_note_usd", rows.Select(r => r.CostPerNote)));
    }
}
