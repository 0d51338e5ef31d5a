namespace Distill.Teachers.Relations;

/// <summary>How an offline relation teacher pairs the drugs and adverse-event candidates it found in a sentence.</summary>
public enum AdePairingRule
{
    /// <summary>
    /// Case-report patterns only (<see cref="AdePatternTeacher"/>): "X-induced Y", "Y due to / after / following /
    /// secondary to / caused by / associated with X", "X-associated Y", "Y in a patient treated with X",
    /// "X ... developed Y". Precise, misses what the patterns do not cover.
    /// </summary>
    Patterns,

    /// <summary>
    /// Every event candidate paired with its nearest drug, in sentences with a causal cue ("induced", "due to",
    /// "after", "toxicity", "developed", ...). Higher recall, lower precision.
    /// </summary>
    NearestDrug,

    /// <summary>Every drug with every event candidate in a sentence with a causal cue: the recall ceiling of the vocabularies.</summary>
    Cooccurrence,
}
