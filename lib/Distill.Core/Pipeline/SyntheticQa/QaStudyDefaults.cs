namespace Distill.Pipeline.SyntheticQa;

/// <summary>
/// The defaults of the synthetic-QA study in one place: the shipped synthetic notes and n2c2 fixture, the cache file,
/// seeds, the student and its quick settings. Paths are under a repository root given by the caller (the CLI resolves it).
/// </summary>
public static class QaStudyDefaults
{
    public const string NotesFolder = "data/synthetic-discharge-notes";
    public const string N2c2Folder = "data/synthetic-n2c2-track1";
    public const string CacheFile = ".cache/teachers.sqlite";
    public const string ResultsFolder = "results";
    public const int Seed = 19;

    /// <summary>The student encoder (<see cref="Students.Pretrained.StudentCheckpoint"/> names it).</summary>
    public const string Student = Students.Pretrained.StudentCheckpoint.Default;

    /// <summary>Quick mode: fewer epochs and shorter inputs, so the CI run stays near a minute or two on 2 cores.</summary>
    public static Students.QuestionAnswering.QaStudentOptions StudentOptions(bool quick) => quick
        ? new() { Epochs = 3, LearningRate = 2e-4, MaxLength = 160, ContextChars = 120, WindowStride = 100, Seed = Seed }
        : new() { Seed = Seed };
}
