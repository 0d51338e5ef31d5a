namespace Distill.Corpora;

/// <summary>
/// The entity types of the reference study (Vedula et al. 2024). Types are plain lower-case strings
/// so a user's own corpus can bring others; these are the ones the embedded default and the study use.
/// </summary>
public static class EntityTypes
{
    public const string Disease = "disease";
    public const string Medication = "medication";
    public const string Symptom = "symptom";

    /// <summary>The study's three types, in the order its tables list them.</summary>
    public static IReadOnlyList<string> Study { get; } = [Disease, Medication, Symptom];
}
