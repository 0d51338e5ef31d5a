using Distill.Pipeline.Events;
using Distill.Runtime;
using Distill.Teachers;
using TorchSharp;

namespace Distill.Pipeline;

/// <summary>
/// What every stage of a study shares: where the toolkit's files are, the run folder, the teachers and their cache,
/// the entity types, the device, the seeds and settings, and where progress goes. Built once per run by
/// <see cref="ReproducePipeline"/> (or by a script that runs single stages); stages read it and never print.
/// </summary>
/// <param name="Paths">The toolkit's data, prompts, notebooks and caches (resolved once, at the edge).</param>
/// <param name="Run">The run folder's layout.</param>
/// <param name="Teachers">The study's teachers (<see cref="TeacherSets.Resolve"/>).</param>
/// <param name="TeacherCachePath">The SQLite cache every teacher answer goes through.</param>
/// <param name="EntityTypes">Entity types studied.</param>
/// <param name="Device">Where the student trains and runs.</param>
/// <param name="Settings">Pool size, epochs, window and resamples (<see cref="StudyDefaults.Full"/> or <see cref="StudyDefaults.Quick"/>).</param>
/// <param name="StudentSeed">Seed of the student's training.</param>
/// <param name="Quick">The run uses <see cref="StudyDefaults.Quick"/>-sized settings (said in every output).</param>
/// <param name="Offline">A teacher-cache miss is an error.</param>
/// <param name="Progress">Where stages report (a console, a notebook display, or nothing).</param>
public sealed record StudyContext(
    DistillPaths Paths,
    RunLayout Run,
    IReadOnlyList<ITeacher> Teachers,
    string TeacherCachePath,
    IReadOnlyList<string> EntityTypes,
    torch.Device Device,
    StudyDefaults Settings,
    int StudentSeed = StudyDefaults.StudentSeed,
    bool Quick = false,
    bool Offline = false,
    IProgress<StageEvent>? Progress = null)
{
    /// <summary>The subset search's settings for this study (its seed and resamples).</summary>
    public Aggregation.SubsetSearchOptions SearchOptions => new(BootstrapResamples: Settings.BootstrapResamples, Seed: StudyDefaults.SearchSeed);
}
