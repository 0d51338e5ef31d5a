using Distill.Corpora;
using Distill.Evaluation;
using Distill.Reporting;
using Distill.Tests.Evaluation;

namespace Distill.Tests.Reporting;

public class ResultTablesTests
{
    [Fact]
    public void System_by_type_table_has_one_row_per_system_and_F1_with_interval_per_type()
    {
        var rows = new[]
        {
            new ScoreRow("teacher", "token", "disease", 0.8, 0.7, 0.75, 0.70, 0.80, 10, 9),
            new ScoreRow("teacher", "token", "symptom", 0.6, 0.5, 0.55, 0.50, 0.60, 10, 9),
            new ScoreRow("student", "token", "disease", 0.9, 0.8, 0.85, 0.81, 0.89, 10, 9),
            new ScoreRow("student", "strict", "disease", 0.1, 0.1, 0.10, 0.05, 0.15, 10, 9),
        };
        var frame = ResultTables.SystemByType(rows, "token");
        Assert.Equal(["system", "disease", "symptom"], frame.Columns.Select(c => c.Name));
        Assert.Equal("teacher", frame.Columns["system"][0]);
        Assert.Equal("0.750 (0.700–0.800)", frame.Columns["disease"][0]);
        Assert.Equal("0.850 (0.810–0.890)", frame.Columns["disease"][1]);
        Assert.Null(frame.Columns["symptom"][1]);
    }

    [Fact]
    public void Score_rows_cover_every_mode_type_and_average_with_intervals_around_the_estimate()
    {
        var gold = new[] { DocumentBuilder.Doc("a", "fever and rash", ("fever", EntityTypes.Symptom), ("rash", EntityTypes.Symptom)),
                           DocumentBuilder.Doc("b", "no fever", ("fever", EntityTypes.Symptom)) };
        var pred = new[] { DocumentBuilder.Doc("a", "fever and rash", ("fever", EntityTypes.Symptom)), gold[1] };
        var rows = ResultTables.ScoreRows(SystemEvaluation.Evaluate("s", gold, pred), new BootstrapOptions(Resamples: 200)).ToList();
        Assert.Equal(9, rows.Count); // 3 modes × (1 type + micro + macro)
        var token = rows.Single(r => r.Mode == "token" && r.Type == "symptom");
        Assert.Equal(0.8, token.F1, 12); // tp 2, fn 1: P 1, R 2/3
        Assert.All(rows, r => Assert.InRange(r.F1, r.F1Lower, r.F1Upper));
    }

    [Fact]
    public void Cost_ratios_are_relative_to_the_reference_system()
    {
        var rows = CostTable.Compare(
        [
            new SystemCost("gpt-4o", 100, 5.00, 600, "Azure OpenAI"),
            new SystemCost("student", 100, 0.02, 12, "AMD EPYC"),
            new SystemCost("ontology", 100, 0, 1, "CPU"),
        ], "student");
        var gpt = rows.Single(r => r.System == "gpt-4o");
        Assert.Equal(250, gpt.CostRatio!.Value, 9);
        Assert.Equal(50, gpt.TimeRatio!.Value, 9);
        Assert.Equal(0.05, gpt.CostPerNoteUsd, 12);
        Assert.Equal(
            ["gpt-4o is 50.0× slower and 250.0× more expensive than student.", "ontology is 12.0× faster and infinitely cheaper than student."],
            CostTable.Sentences(rows, "student"));
        Assert.Throws<ArgumentException>(() => CostTable.Compare([new SystemCost("a", 1, 1, 1, "x")], "missing"));
    }
}
