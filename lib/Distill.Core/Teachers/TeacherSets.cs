using Distill.Teachers.Configuration;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Embedding;
using Distill.Teachers.Simulated;

namespace Distill.Teachers;

/// <summary>
/// The named teacher sets <c>--teachers</c> accepts besides a teachers file, in one place for <c>distill label</c>,
/// <c>distill search</c>, <c>distill reproduce</c> and the notebooks:
/// <list type="bullet">
/// <item><c>offline</c> (the default): the real offline teachers, which need no key, no network and never see gold
/// (<see cref="OfflineTeachers"/>: dictionary, mesh, morphology, abbreviation; and <see cref="EmbeddingTeacher"/>).</item>
/// <item><c>simulated</c>: the dictionary teacher and four <b>simulated</b> teachers that derive labels from gold with
/// seeded errors, for teaching the subset search and cost-aware choice; never the default, always named <c>simulated:*</c>.</item>
/// </list>
/// </summary>
public static class TeacherSets
{
    public const string Offline = Distill.Runtime.StudyDefaults.TeacherSet;
    public const string Simulated = "simulated";

    /// <summary>The names <see cref="Resolve"/> accepts besides a file path.</summary>
    public static IReadOnlyList<string> Names { get; } = [Offline, Simulated];

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

    /// <summary>
    /// The default study's teachers, every real offline one: the four of <see cref="OfflineTeachers"/> and the
    /// embedding teacher over their terms (five, as the reference study's five teachers, so 31 subsets).
    /// </summary>
    public static IReadOnlyList<ITeacher> CreateOffline(DictionaryTeacher? dictionary = null)
    {
        var offline = OfflineTeachers.Create(dictionary);
        return [.. offline.All, EmbeddingTeacher.Create(offline)];
    }

    /// <summary>The dictionary teacher plus the simulated ones (false positives drawn from the dictionary's matches).</summary>
    public static IReadOnlyList<ITeacher> CreateSimulated(DictionaryTeacher? dictionary = null)
    {
        dictionary ??= DictionaryTeacher.CreateDefault();
        var teachers = new List<ITeacher> { dictionary };
        foreach (var profile in SimulatedProfiles)
            teachers.Add(new SimulatedTeacher(profile, type => dictionary.EntityTypes.Contains(type) ? dictionary.MatcherFor(type) : null));
        return teachers;
    }

    /// <summary>
    /// What <c>--teachers</c> names: null or <c>offline</c>, <c>simulated</c>, or a teachers file (YAML/JSON, see
    /// <c>teachers.example.yaml</c>). Keys are read through <paramref name="environment"/> (default: the process environment).
    /// </summary>
    public static IReadOnlyList<ITeacher> Resolve(string? spec, Func<string, string?>? environment = null, HttpClient? httpClient = null)
    {
        if (string.IsNullOrWhiteSpace(spec) || string.Equals(spec, Offline, StringComparison.OrdinalIgnoreCase)) return CreateOffline();
        if (string.Equals(spec, Simulated, StringComparison.OrdinalIgnoreCase)) return CreateSimulated();
        var dictionary = new Lazy<DictionaryTeacher>(() => DictionaryTeacher.CreateDefault());
        return TeachersFile.Build(TeachersFile.Read(spec), dictionary, environment ?? Environment.GetEnvironmentVariable, httpClient);
    }
}
