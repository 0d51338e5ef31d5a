using Distill.Evaluation;
using Distill.Reporting;
using Xunit;

namespace Distill.Tests.Reporting;

public class CostTableTests
{
    [Fact]
    public void Points_join_positive_costs_with_micro_F1_of_the_mode()
    {
        var costs = CostTable.Compare(
        [
            new SystemCost("student", 10, 0.002, 1.4, "cpu"),
            new SystemCost("teacher.gpt-4o", 10, 0.16, 17, "api"),
            new SystemCost("teacher.dictionary", 10, 0, 0.5, "local"),
            new SystemCost("unscored", 10, 0.01, 1, "api"),
        ], "student");
        var scores = new[]
        {
            new ScoreRow("student", "token", ScoreSummary.MicroAverage, 0.8, 0.7, 0.75, 0.70, 0.80, 100, 90),
            new ScoreRow("student", "token", "disease", 0.1, 0.1, 0.1, 0.0, 0.2, 100, 90),
            new ScoreRow("student", "strict", ScoreSummary.MicroAverage, 0.5, 0.5, 0.5, 0.4, 0.6, 100, 90),
            new ScoreRow("teacher.gpt-4o", "token", ScoreSummary.MicroAverage, 0.9, 0.9, 0.9, 0.85, 0.95, 100, 100),
            new ScoreRow("teacher.dictionary", "token", ScoreSummary.MicroAverage, 0.6, 0.6, 0.6, 0.5, 0.7, 100, 100),
        };

        var points = CostTable.Points(costs, scores);

        // The free dictionary (log axis) and the system without a score are left out.
        Assert.Equal(["student", "teacher.gpt-4o"], points.Select(p => p.System));
        Assert.Equal(new CostPoint("student", 0.0002, 0.75, 0.70, 0.80, 1.4 / 10), points[0]);
        Assert.Equal(0.5, CostTable.Points(costs, scores, "strict").Single().F1);
        // On the seconds axis the free dictionary has a place: it takes time, not money.
        Assert.Equal(["student", "teacher.gpt-4o", "teacher.dictionary"], CostTable.Points(costs, scores, axis: CostAxis.Seconds).Select(p => p.System));
    }
}
