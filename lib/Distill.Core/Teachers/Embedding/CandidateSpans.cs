namespace Distill.Teachers.Embedding;

/// <summary>Which sub-spans of a noun-phrase chunk become candidates.</summary>
public enum CandidateSpans
{
    /// <summary>Only the spans that end at the chunk's last word (its head in English noun phrases): n per chunk.</summary>
    EndingAtHead,
    /// <summary>Every contiguous span of up to <see cref="CandidateRules.MaxWords"/> words.</summary>
    All,
}
