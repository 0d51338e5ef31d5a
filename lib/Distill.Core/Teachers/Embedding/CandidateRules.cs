namespace Distill.Teachers.Embedding;

/// <summary>
/// How <see cref="CandidatePhraseExtractor"/> proposes phrases; part of the embedding teacher's fingerprint
/// (through <see cref="Version"/> and the fields), so changing a rule re-labels rather than replaying old answers.
/// Defaults were chosen on the NCBI Disease dev split (lib/Distill.Core/Teachers/Embedding/README.md).
/// </summary>
public sealed record CandidateRules
{
    /// <summary>Version of the chunking code and <see cref="PhraseStopWords"/>; bumped by hand when either changes.</summary>
    public const int Version = 1;

    /// <summary>Longest candidate in words (default 5).</summary>
    public int MaxWords { get; init; } = 5;

    /// <summary>Which sub-spans of a chunk are candidates (default <see cref="CandidateSpans.All"/>).</summary>
    public CandidateSpans Spans { get; init; } = CandidateSpans.All;

    /// <summary>A candidate needs a word with at least this many letters (default 3): shorter ones are abbreviations, left to the abbreviation teacher.</summary>
    public int MinLettersInLongestWord { get; init; } = 3;

    /// <summary>
    /// "and" and "or" between two words stay inside a chunk (default true), so a coordinated mention is one
    /// candidate: "breast and ovarian cancer", as NCBI Disease annotates it. A candidate never starts or ends with one.
    /// On dev this added 2 points of recall at the same precision.
    /// </summary>
    public bool JoinCoordinations { get; init; } = true;

    internal void Validate()
    {
        if (MaxWords < 1) throw new ArgumentOutOfRangeException(nameof(MaxWords), MaxWords, "MaxWords must be at least 1.");
        if (MinLettersInLongestWord < 1) throw new ArgumentOutOfRangeException(nameof(MinLettersInLongestWord), MinLettersInLongestWord, "MinLettersInLongestWord must be at least 1.");
    }
}
