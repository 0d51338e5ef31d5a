namespace Distill.Teachers.Embedding;

/// <summary>How overlapping accepted candidates are resolved into non-overlapping spans.</summary>
public enum OverlapResolution
{
    /// <summary>Most words first, then the higher similarity: a modifier close enough to a term joins the span ("hereditary breast cancer").</summary>
    LongestFirst,
    /// <summary>Highest similarity first, then the longer: an exact term beats a longer near miss.</summary>
    MostSimilarFirst,
}
