using Distill.Corpora;
using Xunit.Abstractions;

namespace Distill.Tests.Corpora;

public class SpanAlignmentTests(ITestOutputHelper output)
{
    static Document Doc(string text, params (int Start, int End, string Type)[] spans) =>
        new("d", text, spans.Select(s => new EntitySpan(s.Start, s.End, s.Type, text[s.Start..s.End])));

    [Fact]
    public void Each_issue_is_recognised_once()
    {
        //                    0         1         2         3         4
        //                    012345678901234567890123456789012345678901234
        var doc = Doc("breast cancer and BRCA1mutation, colon cancer",
            (0, 13, "disease"),   // Aligned? no: nested with (7, 13)
            (7, 13, "disease"),   // nested
            (18, 23, "gene"),     // boundary inside token "BRCA1mutation"
            (33, 38, "disease"),  // adjacent same type with (39, 45)
            (39, 45, "disease"));

        var report = SpanAlignment.Analyze([doc], ClinicalWordTokenizer.Instance);

        Assert.Equal(5, report.Spans);
        Assert.Equal(2, report.Count(SpanAlignmentIssue.Nested));
        Assert.Equal(1, report.Count(SpanAlignmentIssue.BoundaryInsideToken));
        Assert.Equal(2, report.Count(SpanAlignmentIssue.AdjacentSameType));
        Assert.Equal(0, report.Count(SpanAlignmentIssue.Aligned));
        Assert.Equal(5, report.Examples.Count);
        // BIO keeps the adjacent pair apart and the outer nested span; IO merges the pair.
        Assert.Equal(3, report.BioRoundTripExact);
        Assert.Equal(1, report.IoRoundTripExact);
    }

    [Fact]
    public void Crossing_and_duplicate_spans_are_counted()
    {
        var doc = Doc("acute renal failure today", (0, 11, "disease"), (6, 19, "disease"), (20, 25, "time"), (20, 25, "date"));

        var report = SpanAlignment.Analyze([doc], ClinicalWordTokenizer.Instance);

        Assert.Equal(2, report.Count(SpanAlignmentIssue.Crossing));
        Assert.Equal(2, report.Count(SpanAlignmentIssue.Duplicate));
    }

    [Fact]
    public void Ncbi_round_trip_preserves_every_aligned_span_and_counts_the_rest()
    {
        foreach (var (split, docs) in NcbiDiseaseCorpusTests.Shipped.Splits.OrderBy(kv => kv.Key))
        {
            var r = SpanAlignment.Analyze(docs, ClinicalWordTokenizer.Instance, maxExamples: 200);
            output.WriteLine($"{split}: {r.Documents} docs, {r.Tokens} tokens, {r.Spans} spans; " +
                string.Join(", ", r.Issues.Select(kv => $"{kv.Key} {kv.Value}")) +
                $"; IO exact {r.IoRoundTripExact}, BIO exact {r.BioRoundTripExact}");
            foreach (var c in r.Examples)
                output.WriteLine($"  {c.Issue} {c.DocumentId} [{c.Span.Start},{c.Span.End}) {c.Context}");

            Assert.Equal(r.Spans, r.Issues.Values.Sum());
            Assert.Equal(0, r.AlignedLostByIo);
            Assert.Equal(0, r.AlignedLostByBio);
            Assert.True(r.BioRoundTripExact >= r.Count(SpanAlignmentIssue.Aligned) + r.Count(SpanAlignmentIssue.AdjacentSameType));
            // The tokenizer splits at hyphens and slashes so that mentions end on token edges: fewer than 1% may not.
            Assert.True(r.Count(SpanAlignmentIssue.BoundaryInsideToken) < r.Spans / 100, $"{r.Count(SpanAlignmentIssue.BoundaryInsideToken)} of {r.Spans} spans cut a token");
            Assert.Equal(r.Misaligned, r.Examples.Count); // fewer than 200 of each issue: every one is listed
        }
    }
}
