using Distill.Teachers;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Simulated;

namespace Distill.Pipeline;

/// <summary>
/// The teachers of the embedded default run, which needs no API key: the offline dictionary teacher and
/// four <b>simulated</b> teachers with different, independent error profiles, so the subset search has
/// five teachers to combine as in the reference study (GPT-4o, GPT-4o-mini, o1-mini, Gemini 1.5 Flash,
/// BioPortal). Simulated teachers derive their labels from gold spans (see <see cref="SimulatedTeacher"/>);
/// every output names them "simulated:…", so their numbers are never mistaken for an LLM's.
/// </summary>
public static class StudyTeachers
{
    /// <summary>
    /// Error profiles of the simulated teachers. Their errors are correlated (60% of draws shared), as real
    /// LLMs tend to fail on the same hard mentions; with independent errors any combination looks nearly
    /// perfect. Each reports an <b>assumed</b> cost and latency per note so the cost-aware choice and the cost
    /// tables can be taught: the first is priced like GPT-4o in the reference study ($0.016, 1.7 s per note);
    /// the others are in the range of the study's cheaper models. None of it is a measurement.
    /// </summary>
    public static IReadOnlyList<SimulatedTeacherProfile> SimulatedProfiles { get; } =
    [
        new("precise", MissRate: 0.25, BoundaryErrorRate: 0.10, FalsePositiveRate: 0.05, Seed: 101, Correlation: 0.6, AssumedCostPerNoteUsd: 0.016, AssumedLatencySeconds: 1.7),
        new("balanced", MissRate: 0.20, BoundaryErrorRate: 0.15, FalsePositiveRate: 0.15, Seed: 202, Correlation: 0.6, AssumedCostPerNoteUsd: 0.001, AssumedLatencySeconds: 1.1),
        new("recall-heavy", MissRate: 0.10, BoundaryErrorRate: 0.20, FalsePositiveRate: 0.35, Seed: 303, Correlation: 0.6, AssumedCostPerNoteUsd: 0.012, AssumedLatencySeconds: 6.0),
        new("noisy", MissRate: 0.35, BoundaryErrorRate: 0.25, FalsePositiveRate: 0.40, Seed: 404, Correlation: 0.6, AssumedCostPerNoteUsd: 0.0005, AssumedLatencySeconds: 0.8),
    ];

    /// <summary>The dictionary teacher plus the simulated ones (false positives drawn from the dictionary's matches).</summary>
    public static IReadOnlyList<ITeacher> Default(DictionaryTeacher? dictionary = null)
    {
        dictionary ??= DictionaryTeacher.CreateDefault();
        var teachers = new List<ITeacher> { dictionary };
        foreach (var profile in SimulatedProfiles)
            teachers.Add(new SimulatedTeacher(profile, type => dictionary.EntityTypes.Contains(type) ? dictionary.MatcherFor(type) : null));
        return teachers;
    }
}
