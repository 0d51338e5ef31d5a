using Distill.Corpora;
using Distill.Evaluation;
using Distill.Reporting;
using static Distill.Tests.Evaluation.DocumentBuilder;

namespace Distill.Tests.Evaluation;

public class ErrorAnalysisTests
{
    const string D = EntityTypes.Disease, S = EntityTypes.Symptom;
    const string Text = "History of type 2 diabetes, asthma, chest pain and fever; no rash.";

    static IReadOnlyList<EntityError> Errors(ErrorAnalysisOptions? options = null)
    {
        var gold = Doc("n1", Text, ("type 2 diabetes", D), ("asthma", D), ("chest pain", S), ("fever", S));
        var pred = Doc("n1", Text,
            ("diabetes", D),        // boundary (same type, overlaps 'type 2 diabetes')
            ("asthma", S),          // type (exact span, wrong type)
            ("chest pain and", D),  // boundary and type
            ("rash", D));           // spurious; 'fever' is missed
        return ErrorAnalysis.Find("sys", [gold], [pred], [D, S], options);
    }

    [Fact]
    public void Each_error_is_filed_under_its_cause()
    {
        var byCause = Errors().ToDictionary(e => e.Cause);
        Assert.Equal(5, byCause.Count);
        Assert.Equal(("type 2 diabetes", "diabetes"), (byCause[ErrorCause.Boundary].Gold!.Text, byCause[ErrorCause.Boundary].Predicted!.Text));
        Assert.Equal((D, S), (byCause[ErrorCause.Type].Gold!.Type, byCause[ErrorCause.Type].Predicted!.Type));
        Assert.Equal("chest pain", byCause[ErrorCause.BoundaryAndType].Gold!.Text);
        Assert.Null(byCause[ErrorCause.Spurious].Gold);
        Assert.Equal("rash", byCause[ErrorCause.Spurious].Surface);
        Assert.Null(byCause[ErrorCause.Missed].Predicted);
        Assert.Equal("fever", byCause[ErrorCause.Missed].Surface);
    }

    [Fact]
    public void Exact_matches_are_not_errors()
    {
        var gold = Doc("n1", Text, ("asthma", D));
        Assert.Empty(ErrorAnalysis.Find("sys", [gold], [gold], [D]));
    }

    [Fact]
    public void Context_is_a_window_of_text_around_the_mention()
    {
        var missed = Errors(new ErrorAnalysisOptions(ContextCharacters: 11)).Single(e => e.Cause == ErrorCause.Missed);
        Assert.Equal("t pain and ", missed.LeftContext);
        Assert.Equal("; no rash.", missed.RightContext); // fewer than 11 characters are left before the end
    }

    [Fact]
    public void Groups_by_cause_and_surface_case_insensitively()
    {
        var gold = new[] { Doc("a", "Fever today.", ("Fever", S)), Doc("b", "no fever", ("fever", S)), Doc("c", "fever  x", ("fever", S)) };
        var pred = gold.Select(g => g.WithSpans([])).ToArray();
        var groups = ErrorAnalysis.GroupBySurface(ErrorAnalysis.Find("sys", gold, pred, [S]));
        var only = Assert.Single(groups);
        Assert.Equal((ErrorCause.Missed, "fever", 3), (only.Cause, only.Surface, only.Count));
        Assert.Equal(["a", "b", "c"], only.DocumentIds);
    }

    [Fact]
    public void Review_export_round_trips_through_RFC_4180_csv()
    {
        var doc = Doc("n,1", "He said \"chest pain\",\nthen left.", ("chest pain", S));
        var errors = ErrorAnalysis.Find("sys", [doc], [doc.WithSpans([])], [S]);
        var csv = CsvFormat.Write(ErrorAnalysis.ToRows(errors));
        var rows = CsvFormat.Parse(csv);
        Assert.Equal(2, rows.Count);
        Assert.Equal("n,1", rows[1][1]);
        Assert.Equal("Missed", rows[1][2]);
        Assert.Equal("He said \"", rows[1][12]);
        Assert.Equal("\", then left.", rows[1][14]); // the newline in the context is flattened to a space
        Assert.Contains("\"n,1\"", csv);
        Assert.Contains("\"He said \"\"\"", csv);
    }
}
