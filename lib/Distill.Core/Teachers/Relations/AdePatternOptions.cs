namespace Distill.Teachers.Relations;

/// <summary>
/// Settings of the offline relation teachers (<see cref="AdePatternTeacher"/>), tuned on the ADE-Corpus-V2 dev split
/// only (<c>AdeSplit</c>, seed 13); the test split was not looked at. The dev grid is in <c>Teachers/README.md</c>.
/// </summary>
public sealed record AdePatternOptions
{
    /// <summary>Most words allowed between a mention and the pattern's cue ("Y [in a 45-year-old woman] after X").</summary>
    public int MaxGapWords { get; init; } = 6;

    /// <summary>Also accept the weak cues "with", "on", "from", "during" before a drug ("rash with amoxicillin").</summary>
    public bool WeakCues { get; init; } = true;

    /// <summary>Most characters between a drug and an event for <see cref="AdePairingRule.NearestDrug"/> and <see cref="AdePairingRule.Cooccurrence"/>.</summary>
    public int MaxDistanceChars { get; init; } = 150;

    /// <summary>Bump when a pattern changes: the version is part of the teachers' cache key.</summary>
    public const int PatternVersion = 1;
}
