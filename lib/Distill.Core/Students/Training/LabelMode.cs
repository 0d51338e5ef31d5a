namespace Distill.Students.Training;

/// <summary>What the student is trained to reproduce.</summary>
public enum LabelMode
{
    /// <summary>The hard IO tags (cross-entropy against one class per word), as in the reference study.</summary>
    Hard,

    /// <summary>The label model's per-token probability vectors (soft cross-entropy, i.e. KL up to a constant);
    /// documents without probabilities fall back to their hard tags as one-hot vectors.</summary>
    Soft,
}
