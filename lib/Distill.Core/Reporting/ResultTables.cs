using System.Globalization;
using Distill.Evaluation;
using Microsoft.Data.Analysis;

namespace Distill.Reporting;

/// <summary>
/// The comparison tables of the reference study as DataFrames. Every builder takes plain records, so the
/// tables can be rebuilt from saved results, from a notebook, or from another stage's records.
/// </summary>
public static class ResultTables
{
    /// <summary>Score rows of a system for every type and the micro and macro averages, under every mode scored.</summary>
    public static IEnumerable<ScoreRow> ScoreRows(SystemEvaluation evaluation, BootstrapOptions? bootstrap = null)
    {
        foreach (var (mode, counts) in evaluation.Counts.OrderBy(kv => kv.Key))
        {
            var summary = counts.Summarize();
            var intervals = Bootstrap.ConfidenceIntervals(counts, bootstrap);
            foreach (var type in summary.Types)
            {
                var s = summary.PerType[type];
                var ci = intervals[type].F1;
                yield return new ScoreRow(evaluation.System, ModeName(mode), type, s.Precision, s.Recall, s.F1, ci.Lower, ci.Upper, s.Support, s.Predicted);
            }
            var micro = intervals[ScoreSummary.MicroAverage].F1;
            yield return new ScoreRow(evaluation.System, ModeName(mode), ScoreSummary.MicroAverage, summary.Micro.Precision, summary.Micro.Recall,
                summary.Micro.F1, micro.Lower, micro.Upper, summary.Micro.Support, summary.Micro.Predicted);
            var macro = intervals[ScoreSummary.MacroAverage].F1;
            yield return new ScoreRow(evaluation.System, ModeName(mode), ScoreSummary.MacroAverage, summary.MacroPrecision, summary.MacroRecall,
                summary.MacroF1, macro.Lower, macro.Upper, summary.Micro.Support, summary.Micro.Predicted);
        }
    }

    /// <summary>Short, stable name of a mode for tables and file names: token, strict, lenient.</summary>
    public static string ModeName(MatchingMode mode) => mode switch
    {
        MatchingMode.TokenIo => "token",
        MatchingMode.EntityStrict => "strict",
        MatchingMode.EntityLenient => "lenient",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>
    /// System × entity type, in the shape of the reference study's results table: one row per system (in
    /// first-seen order), one column per type (first-seen order), each cell "F1 (lower–upper)".
    /// </summary>
    public static DataFrame SystemByType(IEnumerable<ScoreRow> rows, string mode, int decimalPlaces = 3)
    {
        var selected = rows.Where(r => r.Mode == mode).ToList();
        if (selected.Count == 0) throw new ArgumentException($"No score rows for mode '{mode}'.");
        return Pivot(selected, r => r.System, r => r.Type, r => FormatWithInterval(r.F1, r.F1Lower, r.F1Upper, decimalPlaces), "system");
    }

    /// <summary>
    /// A generic pivot: one row per distinct <paramref name="rowKey"/>, one string column per distinct
    /// <paramref name="columnKey"/> (both in first-seen order); missing cells are null.
    /// </summary>
    public static DataFrame Pivot<T>(IEnumerable<T> records, Func<T, string> rowKey, Func<T, string> columnKey, Func<T, string> cell, string rowHeader)
    {
        var list = records.ToList();
        var rowKeys = list.Select(rowKey).Distinct().ToList();
        var columnKeys = list.Select(columnKey).Distinct().ToList();
        var cells = new Dictionary<(string, string), string>();
        foreach (var r in list) cells[(rowKey(r), columnKey(r))] = cell(r);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn(rowHeader, rowKeys) };
        foreach (var c in columnKeys)
            columns.Add(new StringDataFrameColumn(c, rowKeys.Select(r => cells.GetValueOrDefault((r, c)))));
        return new DataFrame(columns);
    }

    public static string FormatWithInterval(double estimate, double lower, double upper, int decimalPlaces = 3)
    {
        var f = "F" + decimalPlaces;
        return $"{estimate.ToString(f, CultureInfo.InvariantCulture)} ({lower.ToString(f, CultureInfo.InvariantCulture)}–{upper.ToString(f, CultureInfo.InvariantCulture)})";
    }

    public static PairedTestRow ToRow(PairedBootstrapResult r) =>
        new(r.SystemA, r.SystemB, ModeName(r.Mode), r.Score, r.Difference.Estimate, r.Difference.Lower, r.Difference.Upper, r.PValue, r.Resamples);

    public static IEnumerable<ErrorGroupRow> ErrorGroupRows(string system, IEnumerable<ErrorGroup> groups, int maxDocumentsListed = 5) =>
        groups.Select(g => new ErrorGroupRow(system, g.Cause.ToString(), g.Surface, g.Count,
            string.Join(" ", g.DocumentIds.Take(maxDocumentsListed)) + (g.DocumentIds.Count > maxDocumentsListed ? " …" : "")));
}
