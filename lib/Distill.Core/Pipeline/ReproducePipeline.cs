using Distill.Aggregation;
using Distill.Corpora;
using Distill.IO;
using Distill.Reporting;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Pretrained;
using Distill.Teachers;
using Distill.Pipeline.Events;

namespace Distill.Pipeline;

/// <summary>
/// Settings of <c>distill reproduce</c>. Defaults run the reference study's pipeline on the embedded default
/// (NCBI Disease, the real offline teachers, the pretrained all-MiniLM-L6-v2 student).
/// </summary>
/// <param name="Corpus">Dataset name from data-manifests/ or a folder of JSONL splits.</param>
/// <param name="CorpusPath">Where a licensed dataset's files are.</param>
/// <param name="TeachersFile">A teachers file or a set of <see cref="TeacherSets"/>; null: the real offline teachers.</param>
/// <param name="Checkpoint">The student to fine-tune: a packaged encoder name (<c>minilm</c>, the default; <c>arctic-xs</c>),
/// <c>scratch</c>, or a Hugging Face folder (see <see cref="StudentCheckpoint"/>).</param>
/// <param name="Quick">Small and fast (<see cref="StudyDefaults.Quick"/>): fewer pool documents, fewer epochs, shorter windows, fewer resamples.</param>
/// <param name="Epochs">Student epochs (default: the student's <see cref="StudentSource.DefaultTrainingOptions"/>; quick: 2).</param>
/// <param name="GoldStudent">Also train a student on the human labels of the pool (the study's upper reference).</param>
/// <param name="MachineUsdPerHour">Assumed price of the machine the student runs on, for its cost per note
/// (default 0.10 USD/h, about a 2-vCPU cloud instance); 0 reports no cost.</param>
/// <param name="Paths">The toolkit's data and caches (default: <see cref="DistillPaths.Default"/>, found once per process).</param>
/// <param name="KeepCheckpoint">Keep each student's resume checkpoint (<c>checkpoint-last/</c>) after its training finished.</param>
public sealed record ReproduceOptions(
    string Corpus = NcbiDiseaseCorpus.Name,
    string? CorpusPath = null,
    string? TeachersFile = null,
    IReadOnlyList<string>? EntityTypes = null,
    string Checkpoint = StudyDefaults.Student,
    bool Quick = false,
    int? Epochs = null,
    int? PoolLimit = null,
    bool GoldStudent = false,
    string Device = "auto",
    string ResultsFolder = RunFolder.DefaultResultsFolder,
    string? RunId = null,
    string? CachePath = null,
    bool Offline = false,
    double MachineUsdPerHour = StudyDefaults.MachineUsdPerHour,
    int Seed = StudyDefaults.StudentSeed,
    string DevSplit = SplitNames.Dev,
    string PoolSplit = SplitNames.Train,
    string TestSplit = SplitNames.Test,
    bool KeepCheckpoint = false,
    DistillPaths? Paths = null)
{
    public IReadOnlyList<string> ResolvedEntityTypes => EntityTypes ?? [Corpora.EntityTypes.Disease];

    /// <summary>The run's settings: <see cref="StudyDefaults.Quick"/> or <see cref="StudyDefaults.Full"/>, with <see cref="PoolLimit"/> and <see cref="Epochs"/> applied.</summary>
    public StudyDefaults Settings
    {
        get
        {
            var defaults = StudyDefaults.For(Quick);
            return defaults with { PoolLimit = PoolLimit ?? defaults.PoolLimit, Epochs = Epochs ?? defaults.Epochs };
        }
    }
}

/// <summary>What a reproduce run produced.</summary>
public sealed record ReproduceResult(RunLayout Run, RunReportResult Report, SubsetSearchResult Search, IReadOnlyList<StudentStageResult> Students,
    IReadOnlyList<ITeacher> Teachers, StudentSource Student, TimeSpan Elapsed)
{
    public string RunFolder => Run.Root;
    public IReadOnlyList<string> StudentSystems => Students.Select((_, i) => i == 0 ? StudySystemNames.DistilledStudent : StudySystemNames.GoldStudent).ToArray();
}

/// <summary>
/// The whole study, resumable: data → teacher labels (cache) → subset search → distillation set → student
/// training → predictions on test (students, teachers, the chosen combination) → evaluation with intervals,
/// cost and time per note → tables and plots in <c>results/&lt;run-id&gt;/</c> (<see cref="RunLayout"/>). Each stage
/// is a class of its own with a typed result; this only runs them in order, records each finished one in
/// <c>stages.json</c>, and reports through <see cref="IProgress{StageEvent}"/> (it never prints). Running again with the
/// same run id resumes: teacher answers come from the cache, training continues from its last saved epoch (a finished
/// training is not repeated), and the cheap stages (search, predictions, report) are redone from those. The CLI
/// executes the notebooks on the run folder afterwards.
/// </summary>
public static class ReproducePipeline
{
    public static async Task<ReproduceResult> RunAsync(ReproduceOptions options, IProgress<StageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var paths = options.Paths ?? DistillPaths.Default;
        var run = RunLayout.For(options.ResultsFolder, options.RunId ?? Reporting.RunFolder.NewRunId(DateTimeOffset.UtcNow));
        Directory.CreateDirectory(run.Root);
        var stages = await StageLog.OpenAsync(run.StageLog, cancellationToken).ConfigureAwait(false);
        var teachers = TeacherSets.Resolve(options.TeachersFile);
        var context = new StudyContext(paths, run, teachers, options.CachePath ?? paths.TeacherCache, options.ResolvedEntityTypes,
            TorchRuntime.ResolveDevice(options.Device), options.Settings, options.Seed, options.Quick, options.Offline, progress);
        progress.Started("run", $"distill reproduce run {run.RunId}{(options.Quick ? " (quick)" : "")}");
        progress.Message("run", $"Results: {run.Root}; {TorchRuntime.Describe()}");

        // 1. Data
        progress.Started("data", "1. data");
        var corpus = await CorpusSource.LoadAsync(options.Corpus, options.CorpusPath, cancellationToken).ConfigureAwait(false);
        var (dev, pool, test) = (corpus.Split(options.DevSplit), corpus.Split(options.PoolSplit), corpus.Split(options.TestSplit));
        var poolLimit = context.Settings.PoolLimit;
        progress.Message("data", $"{corpus.Name}: dev {dev.Count}, pool {pool.Count}{(poolLimit is { } l && l < pool.Count ? $" (first {l} used)" : "")}, test {test.Count} documents.");

        // 2. Teachers on dev, subset search, distillation set from the pool
        progress.Started(SearchStage.Name, "2. teachers and subset search");
        await PlotlyLibrary.WriteSharedCopyAsync(run.Root, cancellationToken).ConfigureAwait(false);
        var searchClock = System.Diagnostics.Stopwatch.StartNew();
        var search = await SearchStage.RunAsync(context, dev, pool, cancellationToken).ConfigureAwait(false);
        progress.Completed(SearchStage.Name, search, searchClock, search.Resumed);
        await stages.MarkAsync(SearchStage.Name, cancellationToken).ConfigureAwait(false);

        // 3. Students: on the teachers' labels, and (asked for) on the pool's human labels
        progress.Started("students", "3. student training");
        var source = StudentCheckpoint.Resolve(options.Checkpoint, paths.CacheDirectory);
        progress.Message("students", $"Student: {source.Describe()}.");
        var trainingOptions = (source.DefaultTrainingOptions with
        {
            Epochs = context.Settings.Epochs ?? source.DefaultTrainingOptions.Epochs,
            Seed = context.StudentSeed,
        }).WithWindow(context.Settings.MaxLength);
        var students = new List<(TrainedStudent Student, StudentStageResult Training)>();
        async Task TrainAsync(string system, string trainPath)
        {
            var stage = run.Student(system)[(run.Root.Length + 1)..];
            var studentClock = System.Diagnostics.Stopwatch.StartNew();
            var trained = await StudentStage.TrainAsync(new StudentStageRequest(trainPath, search.DevSetPath, run.Student(system), source.Directory, trainingOptions,
                context.Device, KeepCheckpoint: options.KeepCheckpoint, Stage: stage), progress, cancellationToken).ConfigureAwait(false);
            progress.Completed(stage, trained, studentClock, trained.Resumed);
            students.Add((new TrainedStudent(system, trained.ModelDirectory), trained));
            await stages.MarkAsync(stage, cancellationToken).ConfigureAwait(false);
        }
        await TrainAsync(StudySystemNames.DistilledStudent, search.TrainingSetPath).ConfigureAwait(false);
        if (options.GoldStudent)
        {
            await JsonlCorpusWriter.WriteAsync(run.PoolGold, pool.Take(poolLimit ?? int.MaxValue), cancellationToken).ConfigureAwait(false);
            await TrainAsync(StudySystemNames.GoldStudent, run.PoolGold).ConfigureAwait(false);
        }

        // 4. Predictions on test: students, each teacher, the chosen combination
        progress.Started(PredictionStage.Name, "4. predictions on test");
        var predictionClock = System.Diagnostics.Stopwatch.StartNew();
        var predictions = await PredictionStage.RunAsync(context, students.Select(s => s.Student).ToArray(), test, search.Search, options.MachineUsdPerHour, cancellationToken)
            .ConfigureAwait(false);
        progress.Completed(PredictionStage.Name, predictions, predictionClock, predictions.Resumed);
        await stages.MarkAsync(PredictionStage.Name, cancellationToken).ConfigureAwait(false);

        // 5. Evaluation and report
        progress.Started(EvaluationStage.Name, "5. evaluation");
        var evaluationClock = System.Diagnostics.Stopwatch.StartNew();
        var configuration = new Dictionary<string, string>
        {
            ["corpus"] = corpus.Name,
            ["teachers"] = string.Join(", ", teachers.Select(t => $"{t.Name} ({t.Kind})")),
            ["chosen"] = string.Join("; ", search.Search.Choices.Select(c => $"{c.EntityType}: {c.Chosen.Teachers} / {c.Chosen.Rule.Name}")),
            ["student"] = students[0].Training.Origin,
            ["epochs"] = trainingOptions.Epochs.ToString(),
            ["learning_rate"] = trainingOptions.LearningRate.ToString("G"),
            ["max_length"] = trainingOptions.MaxLength.ToString(),
            ["quick"] = options.Quick.ToString(),
            ["machine_usd_per_hour"] = options.MachineUsdPerHour.ToString("G"),
        };
        var report = await EvaluationStage.RunAsync(context, test, predictions, students, configuration, corpus.Name, cancellationToken).ConfigureAwait(false);
        progress.Completed(EvaluationStage.Name, report, evaluationClock, resumed: false);
        await stages.MarkAsync(EvaluationStage.Name, cancellationToken).ConfigureAwait(false);
        return new ReproduceResult(run, report, search.Search, students.Select(s => s.Training).ToArray(), teachers, source, clock.Elapsed);
    }

    /// <summary>Records a stage run outside the pipeline (the CLI runs the notebooks on the run folder) in the run's stage log.</summary>
    public static async Task MarkAsync(RunLayout run, string stage, CancellationToken cancellationToken = default)
    {
        var log = await StageLog.OpenAsync(run.StageLog, cancellationToken).ConfigureAwait(false);
        await log.MarkAsync(stage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a run folder holds a finished evaluation (its manifest and the stage log say so).</summary>
    public static bool IsFinished(RunFolder run) =>
        File.Exists(run.Manifest) && StageLog.Records(new RunLayout(run).StageLog, EvaluationStage.Name);

    /// <summary>
    /// The closing lines of a study, from its own numbers: what the teachers and the student are, whether the student
    /// beat its teachers and by how much, how much faster and cheaper it is, and what a reader must know (simulated
    /// teachers, a student from scratch).
    /// </summary>
    public static IReadOnlyList<StageMessage> Summary(ReproduceResult result)
    {
        var lines = new List<StageMessage>
        {
            new("summary", $"Teachers: {string.Join(", ", result.Teachers.Select(t => $"{t.Name} ({t.Kind})"))}. Student: {result.Students[0].Origin}."),
        };
        lines.AddRange(StudyHeadline.From(result.Report).Sentences.Select(s => new StageMessage("summary", s, StageMessageLevel.Emphasis)));
        if (result.Teachers.Any(t => t.Kind == TeacherKind.Simulated))
            lines.Add(new("summary", "simulated:* teachers derive labels from gold with seeded errors and report assumed costs: a teaching device, not LLM results.", StageMessageLevel.Warning));
        if (result.Student.Kind == StudentSourceKind.Scratch)
            lines.Add(new("summary", $"The student was trained from scratch; the pretrained default (--model {StudyDefaults.Student}) or a BioBERT folder does much better.", StageMessageLevel.Warning));
        return lines;
    }
}
