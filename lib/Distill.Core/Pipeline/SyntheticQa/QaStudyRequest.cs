using Distill.Students.LlmFineTuning;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>What a synthetic-QA study run is asked to do (every path explicit; <see cref="QaStudyDefaults"/> has the usual ones).</summary>
/// <param name="RunFolder">The run folder (an existing one resumes).</param>
/// <param name="NotesFolder">Notes to generate pairs from (.txt files, or JSONL {"id","text"}).</param>
/// <param name="N2c2Folder">n2c2 2018 Track 1 XML files to evaluate on (null: skip).</param>
/// <param name="TeachersFile">Teachers file; its OpenAI/Azure entries generate pairs and are scored on n2c2 (null: the keyless template generator).</param>
/// <param name="CachePath">Teacher cache file.</param>
/// <param name="CacheDirectory">Where packaged encoders are imported (<c>.cache</c>).</param>
/// <param name="Student">Student encoder: minilm, arctic-xs, scratch or a folder.</param>
/// <param name="Quick">Small settings.</param>
/// <param name="DryRun">Only estimate the generation's cost.</param>
/// <param name="Offline">A teacher-cache miss is an error.</param>
/// <param name="Dataset">Fine-tuning set options (difficulty, balancing, split).</param>
/// <param name="StudentOptions">Student settings (null: <see cref="QaStudyDefaults.StudentOptions"/> for <paramref name="Quick"/>).</param>
public sealed record QaStudyRequest(
    string RunFolder,
    string NotesFolder,
    string? N2c2Folder,
    string? TeachersFile,
    string CachePath,
    string CacheDirectory,
    string Student = QaStudyDefaults.Student,
    bool Quick = false,
    bool DryRun = false,
    bool Offline = false,
    FineTuningDatasetOptions? Dataset = null,
    Students.QuestionAnswering.QaStudentOptions? StudentOptions = null)
{
    public QaRunLayout Layout => new(RunFolder);
}
