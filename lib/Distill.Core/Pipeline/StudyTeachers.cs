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
    /// <summary>Error profiles of the simulated teachers (miss rate, boundary-error rate, false-positive rate, seed).</summary>
    public static IReadOnlyList<SimulatedTeacherProfile> SimulatedProfiles { get; } =
    [
        new("precise", MissRate: 0.25, BoundaryErrorRate: 0.05, FalsePositiveRate: 0.02, Seed: 101),
        new("balanced", MissRate: 0.12, BoundaryErrorRate: 0.10, FalsePositiveRate: 0.08, Seed: 202),
        new("recall-heavy", MissRate: 0.05, BoundaryErrorRate: 0.15, FalsePositiveRate: 0.25, Seed: 303),
        new("noisy", MissRate: 0.30, BoundaryErrorRate: 0.20, FalsePositiveRate: 0.30, Seed: 404),
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
