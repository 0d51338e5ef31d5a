namespace Distill.Corpora;

/// <summary>Why a span cannot survive spans → tags → spans unchanged (or that it can).</summary>
public enum SpanAlignmentIssue
{
    /// <summary>Starts at a token start, ends at a token end, touches no other span: round-trips exactly.</summary>
    Aligned,

    /// <summary>Start or end falls strictly inside a token: tagging grows the span to the token edges.</summary>
    BoundaryInsideToken,

    /// <summary>Same offsets as another span (of any type): tags can hold only one.</summary>
    Duplicate,

    /// <summary>Contains, or lies inside, another span: the shared tokens go to the longer span.</summary>
    Nested,

    /// <summary>Overlaps another span without containment: the shared tokens go to the longer span.</summary>
    Crossing,

    /// <summary>Aligned, but a same-type span follows or precedes with no token between: IO merges the two (BIO does not).</summary>
    AdjacentSameType,
}

/// <summary>One span that does not round-trip, with a little context for a human to look at.</summary>
public sealed record SpanAlignmentCase(string DocumentId, EntitySpan Span, SpanAlignmentIssue Issue, string Context);

/// <summary>
/// Counts for a set of documents under one tokenizer. Every span is counted under exactly one issue
/// (the first that applies, in the order Duplicate, Nested, Crossing, BoundaryInsideToken, AdjacentSameType);
/// the round-trip counts say how many spans came back with identical offsets and type.
/// </summary>
public sealed record SpanAlignmentReport(
    int Documents,
    int Tokens,
    int Spans,
    IReadOnlyDictionary<SpanAlignmentIssue, int> Issues,
    int IoRoundTripExact,
    int BioRoundTripExact,
    int AlignedLostByIo,
    int AlignedLostByBio,
    IReadOnlyList<SpanAlignmentCase> Examples)
{
    public int Count(SpanAlignmentIssue issue) => Issues.TryGetValue(issue, out var n) ? n : 0;

    public int Misaligned => Spans - Count(SpanAlignmentIssue.Aligned);
}

/// <summary>
/// Measures how a corpus's spans fit a tokenizer and what IO and BIO tagging do to them, so that no
/// span is changed or lost without a count. See <see cref="IoTagging"/> for the tagging policy.
/// </summary>
public static class SpanAlignment
{
    /// <summary>Classifies every span of <paramref name="documents"/>; keeps up to <paramref name="maxExamples"/> examples of each issue.</summary>
    public static SpanAlignmentReport Analyze(IEnumerable<Document> documents, IWordTokenizer tokenizer, int maxExamples = 50)
    {
        var issues = Enum.GetValues<SpanAlignmentIssue>().ToDictionary(i => i, _ => 0);
        var examples = new List<SpanAlignmentCase>();
        int docs = 0, tokensTotal = 0, spansTotal = 0, ioExact = 0, bioExact = 0, lostIo = 0, lostBio = 0;
        foreach (var doc in documents)
        {
            docs++;
            var tokens = tokenizer.Tokenize(doc.Text);
            tokensTotal += tokens.Count;
            spansTotal += doc.Spans.Count;
            var io = Keys(IoTagging.Decode(doc.Text, tokens, IoTagging.Encode(tokens, doc.Spans)));
            var bio = Keys(BioTagging.Decode(doc.Text, tokens, BioTagging.Encode(tokens, doc.Spans)));
            var tokenStarts = tokens.Select(t => t.Start).ToHashSet();
            var tokenEnds = tokens.Select(t => t.End).ToHashSet();
            for (var i = 0; i < doc.Spans.Count; i++)
            {
                var span = doc.Spans[i];
                var issue = Classify(doc, i, tokens, tokenStarts, tokenEnds);
                issues[issue]++;
                var key = (span.Start, span.End, span.Type);
                var inIo = io.Contains(key);
                var inBio = bio.Contains(key);
                if (inIo) ioExact++;
                if (inBio) bioExact++;
                if (issue == SpanAlignmentIssue.Aligned && !inIo) lostIo++;
                if (issue == SpanAlignmentIssue.Aligned && !inBio) lostBio++;
                if (issue != SpanAlignmentIssue.Aligned && examples.Count(e => e.Issue == issue) < maxExamples)
                    examples.Add(new SpanAlignmentCase(doc.Id, span, issue, Context(doc.Text, span)));
            }
        }
        return new SpanAlignmentReport(docs, tokensTotal, spansTotal, issues, ioExact, bioExact, lostIo, lostBio,
            examples.OrderBy(e => e.Issue).ToList());
    }

    static SpanAlignmentIssue Classify(Document doc, int index, IReadOnlyList<Token> tokens, HashSet<int> tokenStarts, HashSet<int> tokenEnds)
    {
        var span = doc.Spans[index];
        var overlap = (SpanAlignmentIssue?)null;
        // Spans are sorted by start, so only neighbours up to the first one starting at or after our end can overlap.
        for (var j = 0; j < doc.Spans.Count; j++)
        {
            if (j == index) continue;
            var other = doc.Spans[j];
            if (other.Start >= span.End) break;
            if (!span.Overlaps(other)) continue;
            SpanAlignmentIssue kind = other.Start == span.Start && other.End == span.End ? SpanAlignmentIssue.Duplicate
                : (other.Start <= span.Start && span.End <= other.End) || (span.Start <= other.Start && other.End <= span.End) ? SpanAlignmentIssue.Nested
                : SpanAlignmentIssue.Crossing;
            if (overlap is null || kind < overlap) overlap = kind;
        }
        if (overlap is { } o) return o;
        if (!tokenStarts.Contains(span.Start) || !tokenEnds.Contains(span.End))
            return SpanAlignmentIssue.BoundaryInsideToken;
        foreach (var other in doc.Spans)
        {
            if (ReferenceEquals(other, span) || other.Type != span.Type) continue;
            var (left, right) = other.End <= span.Start ? (other, span) : span.End <= other.Start ? (span, other) : (null, null);
            if (left is null || right is null) continue;
            // Adjacent when no token lies between the end of the left span and the start of the right one.
            if (!tokens.Any(t => t.Start >= left.End && t.End <= right.Start))
                return SpanAlignmentIssue.AdjacentSameType;
        }
        return SpanAlignmentIssue.Aligned;
    }

    static HashSet<(int, int, string)> Keys(IEnumerable<EntitySpan> spans) => spans.Select(s => (s.Start, s.End, s.Type)).ToHashSet();

    static string Context(string text, EntitySpan span)
    {
        var from = Math.Max(0, span.Start - 20);
        var to = Math.Min(text.Length, span.End + 20);
        return $"{text[from..span.Start]}[{span.Text}]{text[span.End..to]}".ReplaceLineEndings(" ");
    }
}
