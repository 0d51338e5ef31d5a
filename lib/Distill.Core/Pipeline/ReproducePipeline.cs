using System.Diagnostics;
using System.Text.Json;
using Distill.Aggregation;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.IO;
using Distill.Reporting;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Pretrained;
using Distill.Students.Training;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Running;
using Spectre.Console;

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
/// <param name="Quick">Small and fast: fewer pool documents, fewer epochs, shorter windows, fewer resamples.</param>
/// <param name="Epochs">Student epochs (default: the student's <see cref="StudentSource.DefaultTrainingOptions"/>; quick: 2).</param>
/// <param name="GoldStudent">Also train a student on the human labels of the pool (the study's upper reference).</param>
/// <param name="MachineUsdPerHour">Assumed price of the machine the student runs on, for its cost per note
/// (default 0.10 USD/h, about a 2-vCPU cloud instance); 0 reports no cost.</param>
/// <param name="RunNotebooks">Execute notebooks/*.ipynb into the run folder at the end.</param>
/// <param name="KeepCheckpoint">Keep each student's resume checkpoint (<c>checkpoint-last/</c>) after its training finished.</param>
public sealed record ReproduceOptions(
    string Corpus = NcbiDiseaseCorpus.Name,
    string? CorpusPath = null,
    string? TeachersFile = null,
    IReadOnlyList<string>? EntityTypes = null,
    string Checkpoint = StudentCheckpoint.Default,
    bool Quick = false,
    int? Epochs = null,
    int? PoolLimit = null,
    bool GoldStudent = false,
    string Device = "auto",
    string ResultsFolder = RunFolder.DefaultResultsFolder,
    string? RunId = null,
    string? CachePath = null,
    bool Offline = false,
    double MachineUsdPerHour = 0.10,
    int Seed = 42,
    bool RunNotebooks = true,
    string DevSplit = SplitNames.Dev,
    string PoolSplit = SplitNames.Train,
    string TestSplit = SplitNames.Test,
    bool KeepCheckpoint = false)
{
    /// <summary>Accept a corpus file or split with no documents (default: an error naming the file; see <see cref="CorpusReadOptions.AllowEmpty"/>).</summary>
    public bool AllowEmpty { get; init; }

    public IReadOnlyList<string> ResolvedEntityTypes => EntityTypes ?? [Corpora.EntityTypes.Disease];
    public int? ResolvedPoolLimit => PoolLimit ?? (Quick ? 200 : null);
}

/// <summary>What a reproduce run produced.</summary>
public sealed record ReproduceResult(string RunFolder, RunReportResult Report, SubsetSearchResult Search, IReadOnlyList<string> StudentSystems, TimeSpan Elapsed);

/// <summary>
/// The whole study, resumable: data → teacher labels (cache) → subset search → distillation set → student
/// training → predictions on test (students, teachers, the chosen combination) → evaluation with intervals,
/// cost and time per note → tables, plots and executed notebooks in <c>results/&lt;run-id&gt;/</c>.
/// Each finished stage is recorded with its time in <c>stages.json</c>. Running again with the same run id
/// resumes: teacher answers come from the cache, training continues from its last saved epoch (a finished
/// training is not repeated), and the cheap stages (search, predictions, report) are redone from those.
/// </summary>
public static class ReproducePipeline
{
    const string StagesFile = "stages.json";

    public static async Task<ReproduceResult> RunAsync(ReproduceOptions options, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var clock = Stopwatch.StartNew();
        var runId = options.RunId ?? RunFolder.NewRunId(DateTimeOffset.UtcNow);
        var run = RunFolder.For(options.ResultsFolder, runId);
        Directory.CreateDirectory(run.Root);
        var stages = await StageLog.OpenAsync(Path.Combine(run.Root, StagesFile), cancellationToken).ConfigureAwait(false);
        var device = TorchRuntime.ResolveDevice(options.Device);
        var types = options.ResolvedEntityTypes;
        console.Write(new Rule($"[bold]distill reproduce[/] run {Markup.Escape(runId)}{(options.Quick ? " (quick)" : "")}"));
        console.MarkupLine($"Results: [bold]{Markup.Escape(Path.GetFullPath(run.Root))}[/]; {Markup.Escape(TorchRuntime.Describe().ToString())}");

        // 1. Data
        console.Write(new Rule("1. data"));
        var corpus = await CorpusSource.LoadAsync(options.Corpus, options.CorpusPath, new CorpusReadOptions { AllowEmpty = options.AllowEmpty }, cancellationToken).ConfigureAwait(false);
        var dev = corpus.Split(options.DevSplit);
        var pool = corpus.Split(options.PoolSplit);
        var test = corpus.Split(options.TestSplit);
        console.MarkupLine($"{Markup.Escape(corpus.Name)}: dev {dev.Count}, pool {pool.Count}{(options.ResolvedPoolLimit is { } l && l < pool.Count ? $" (first {l} used)" : "")}, test {test.Count} documents.");

        // 2–3. Teachers on dev, subset search, distillation set
        console.Write(new Rule("2. teachers and subset search"));
        var teachers = TeacherSets.Resolve(options.TeachersFile);
        var cachePath = options.CachePath ?? Path.Combine(RepositoryData.Root, ".cache", "teachers.sqlite");
        var searchDir = Path.Combine(run.Root, "search");
        // One plotly.js for the run's other pages (search figures, notebooks and their exports); report.html inlines its own.
        await PlotlyLibrary.WriteSharedCopyAsync(run.Root, cancellationToken).ConfigureAwait(false);
        var sharedPlotly = PlotlyReference.Shared("../" + PlotlyLibrary.FileName);
        var search = await SearchStage.RunAsync(dev, pool, teachers, new SearchStageOptions(searchDir, cachePath, types, options.Offline,
            PoolLimit: options.ResolvedPoolLimit,
            Search: new SubsetSearchOptions(BootstrapResamples: options.Quick ? 300 : 1000), Plotly: sharedPlotly), console, cancellationToken).ConfigureAwait(false);
        console.Write(SearchStage.ChoicesTable(search.Search));
        await stages.MarkAsync("search", cancellationToken).ConfigureAwait(false);

        // 4. Students
        console.Write(new Rule("3. student training"));
        var students = new List<(string System, string ModelDir, StudentStageResult Result)>();
        var source = StudentCheckpoint.Resolve(options.Checkpoint, Path.Combine(RepositoryData.Root, ".cache"));
        console.MarkupLine($"Student: {Markup.Escape(source.Describe())}.");
        var trainingOptions = source.DefaultTrainingOptions with
        {
            Epochs = options.Epochs ?? (options.Quick ? 2 : source.DefaultTrainingOptions.Epochs),
            Seed = options.Seed,
        };
        trainingOptions = trainingOptions.WithWindow(options.Quick ? 256 : 512);
        var distilled = await StudentStage.TrainAsync(new StudentStageRequest(search.TrainingSetPath, search.DevSetPath,
            Path.Combine(run.Root, "student-distilled"), source.Directory, trainingOptions, device, KeepCheckpoint: options.KeepCheckpoint), console, cancellationToken).ConfigureAwait(false);
        students.Add((StudySystemNames.DistilledStudent, distilled.ModelDirectory, distilled));
        await stages.MarkAsync("student-distilled", cancellationToken).ConfigureAwait(false);
        if (options.GoldStudent)
        {
            var goldTrain = Path.Combine(run.Root, "inputs", "pool-gold.jsonl");
            await JsonlCorpusWriter.WriteAsync(goldTrain, pool.Take(options.ResolvedPoolLimit ?? int.MaxValue), cancellationToken).ConfigureAwait(false);
            var gold = await StudentStage.TrainAsync(new StudentStageRequest(goldTrain, search.DevSetPath,
                Path.Combine(run.Root, "student-gold"), source.Directory, trainingOptions, device, KeepCheckpoint: options.KeepCheckpoint), console, cancellationToken).ConfigureAwait(false);
            students.Add((StudySystemNames.GoldStudent, gold.ModelDirectory, gold));
            await stages.MarkAsync("student-gold", cancellationToken).ConfigureAwait(false);
        }

        // 5. Predictions on test: students, each teacher, the chosen combination
        console.Write(new Rule("4. predictions on test"));
        var inputs = Path.Combine(run.Root, "inputs");
        Directory.CreateDirectory(inputs);
        var predictions = new List<(string System, string Path)>();
        var costs = new List<SystemCost>();
        foreach (var (system, modelDir, _) in students)
        {
            var p = StudentStage.Predict(modelDir, test, options.Device, console, cancellationToken);
            var path = Path.Combine(inputs, system + ".jsonl");
            await JsonlCorpusWriter.WriteAsync(path, p.Documents, cancellationToken).ConfigureAwait(false);
            predictions.Add((system, path));
            costs.Add(new SystemCost(system, test.Count, p.Latency.TotalSeconds * options.MachineUsdPerHour / 3600, p.Latency.TotalSeconds, p.Machine));
            console.MarkupLine($"{system}: {p.Latency.NotesPerSecond:F1} notes/s, p50 {p.Latency.P50Milliseconds:F0} ms, p95 {p.Latency.P95Milliseconds:F0} ms per note.");
        }
        await using (var cache = SqliteTeacherCache.Open(cachePath))
        {
            var runner = new TeacherRunner(cache, new TeacherRunOptions { Offline = options.Offline });
            var testRun = await ConsoleTeacherRun.RunAsync(runner, test, teachers, types, console, cancellationToken).ConfigureAwait(false);
            // A failed labeling would silently score as "no mention": stop and say which, as on dev and the pool.
            SearchStage.ThrowOnFailures(testRun, "test");
            var names = teachers.Select(t => t.Name).ToArray();
            var spans = names.Select(n => SearchStage.SpansAllTypes(testRun, n, types)).ToArray();
            foreach (var teacher in teachers)
            {
                var system = StudySystemNames.Teacher(teacher.Name);
                var docs = test.Select(d => d.WithSpans(spans[Array.IndexOf(names, teacher.Name)].GetValueOrDefault(d.Id) ?? [])).ToArray();
                var path = Path.Combine(inputs, system + ".jsonl");
                await JsonlCorpusWriter.WriteAsync(path, docs, cancellationToken).ConfigureAwait(false);
                predictions.Add((system, path));
                var own = testRun.Labelings.Where(l => l.Teacher == teacher.Name).ToArray();
                costs.Add(new SystemCost(system, test.Count, (double)own.Sum(l => l.CostUsd), own.Sum(l => l.Latency.TotalSeconds), teacher.Kind.ToString()));
            }
            var combined = DistillationSetBuilder.Build(test, names, spans, search.Search.Choices);
            var combinationPath = Path.Combine(inputs, "teachers.combination.jsonl");
            await JsonlCorpusWriter.WriteAsync(combinationPath, combined.Select(e => new Document(e.Id, e.Text, e.Spans)), cancellationToken).ConfigureAwait(false);
            predictions.Add((StudySystemNames.Combination, combinationPath));
            var members = search.Search.Choices.SelectMany(c => c.Chosen.Subset.Members()).Distinct().Select(i => names[i]).ToHashSet();
            var chosen = testRun.Labelings.Where(l => members.Contains(l.Teacher)).ToArray();
            costs.Add(new SystemCost(StudySystemNames.Combination, test.Count, (double)chosen.Sum(l => l.CostUsd), chosen.Sum(l => l.Latency.TotalSeconds),
                string.Join(" + ", members)));
        }
        await stages.MarkAsync("predictions", cancellationToken).ConfigureAwait(false);

        // 6. Evaluation and report
        console.Write(new Rule("5. evaluation"));
        var goldPath = Path.Combine(inputs, "test-gold.jsonl");
        await JsonlCorpusWriter.WriteAsync(goldPath, test, cancellationToken).ConfigureAwait(false);
        var costsPath = Path.Combine(inputs, "costs.json");
        await AtomicFile.WriteAllTextAsync(costsPath, JsonSerializer.Serialize(costs, RunManifest.Json), cancellationToken).ConfigureAwait(false);
        var epochsPath = Path.Combine(inputs, "epochs.json");
        var epochs = students.SelectMany(s => s.Result.Training.Epochs.Select(e => new EpochRecord(s.System, e.Epoch, e.TrainLoss, null, e.Dev.F1, e.ResidentBytes))).ToArray();
        await AtomicFile.WriteAllTextAsync(epochsPath, JsonSerializer.Serialize(epochs, RunManifest.Json), cancellationToken).ConfigureAwait(false);
        var settings = EvaluationSettings.Default with
        {
            Types = types,
            ReferenceSystem = students[0].System,
            Bootstrap = EvaluationSettings.Default.Bootstrap with { Resamples = options.Quick ? 300 : 1000 },
        };
        var configuration = new Dictionary<string, string>
        {
            ["corpus"] = corpus.Name,
            ["teachers"] = string.Join(", ", teachers.Select(t => $"{t.Name} ({t.Kind})")),
            ["chosen"] = string.Join("; ", search.Search.Choices.Select(c => $"{c.EntityType}: {c.Chosen.Teachers} / {c.Chosen.Rule.Name()}")),
            ["student"] = distilled.Origin,
            ["epochs"] = trainingOptions.Epochs.ToString(),
            ["learning_rate"] = trainingOptions.LearningRate.ToString("G"),
            ["max_length"] = trainingOptions.MaxLength.ToString(),
            ["quick"] = options.Quick.ToString(),
            ["machine_usd_per_hour"] = options.MachineUsdPerHour.ToString("G"),
        };
        if (File.Exists(run.Manifest)) File.Delete(run.Manifest); // a resumed run re-evaluates from its saved inputs
        var report = await RunReport.CreateAsync(run, new RunRequest(goldPath, predictions, settings, costsPath, epochsPath,
            Configuration: configuration, Seeds: new Dictionary<string, int> { ["student"] = options.Seed, ["search"] = 13 }),
            new Progress<string>(_ => { }), cancellationToken).ConfigureAwait(false);
        foreach (var (system, modelDir, result) in students)
            ModelCard.Write(modelDir, StudentCard(result.Card, report, system, corpus.Name));
        await stages.MarkAsync("evaluation", cancellationToken).ConfigureAwait(false);

        // 7. Notebooks
        if (options.RunNotebooks)
        {
            console.Write(new Rule("6. notebooks"));
            await NotebookStage.RunAllAsync(Path.Combine(run.Root, "notebooks"), options.Quick, run.Root, console, sharedPlotly, cancellationToken).ConfigureAwait(false);
            await stages.MarkAsync("notebooks", cancellationToken).ConfigureAwait(false);
        }

        console.Write(new Rule("summary"));
        console.MarkupLine($"Teachers: {Markup.Escape(string.Join(", ", teachers.Select(t => $"{t.Name} ({t.Kind})")))}. Student: {Markup.Escape(distilled.Origin)}.");
        foreach (var sentence in StudyHeadline.From(report).Sentences) console.MarkupLine(Markup.Escape(sentence));
        if (teachers.Any(t => t.Kind == TeacherKind.Simulated))
            console.MarkupLine("[yellow]simulated:* teachers derive labels from gold with seeded errors and report assumed costs: a teaching device, not LLM results.[/]");
        if (source.Kind == StudentSourceKind.Scratch)
            console.MarkupLine($"[yellow]The student was trained from scratch; the pretrained default (--model {StudentCheckpoint.Default}) or a BioBERT folder does much better.[/]");
        return new ReproduceResult(run.Root, report, search.Search, students.Select(s => s.System).ToArray(), clock.Elapsed);
    }

    /// <summary>Whether a run folder holds a finished evaluation (its manifest and the stage log say so).</summary>
    public static bool IsFinished(RunFolder run)
    {
        var log = Path.Combine(run.Root, StagesFile);
        return File.Exists(run.Manifest) && File.Exists(log)
               && (JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(File.ReadAllText(log))?.ContainsKey("evaluation") ?? false);
    }

    /// <summary>The model card of a study's student with its measured test scores (token and strict F1 with intervals, per type).</summary>
    static ModelCardFacts StudentCard(ModelCardFacts card, RunReportResult report, string system, string corpus)
    {
        var types = report.Types.Count > 1 ? report.Types.Append(ScoreSummary.MicroAverage) : report.Types;
        var metrics = (from mode in new[] { "token", "strict" }
                       from type in types
                       let s = report.Scores.FirstOrDefault(r => r.System == system && r.Mode == mode && r.Type == type)
                       where s is not null
                       select new ModelCardMetric($"{(mode == "token" ? "token-level" : "strict entity")} F1 ({type})", "f1", s.F1, s.F1Lower, s.F1Upper, "test", report.Documents)).ToList();
        // The Hugging Face id of the embedded default corpus; other corpora go by their own name.
        var dataset = corpus == NcbiDiseaseCorpus.Name ? "ncbi/ncbi_disease" : corpus;
        return card with { Title = $"{system} ({corpus})", Datasets = [dataset], DatasetName = corpus, Evaluation = metrics };
    }
}

/// <summary>Which stages of a run have finished, kept in a small JSON file written atomically.</summary>
internal sealed class StageLog
{
    readonly string path;
    readonly Dictionary<string, DateTimeOffset> done;

    StageLog(string path, Dictionary<string, DateTimeOffset> done) => (this.path, this.done) = (path, done);

    public static async Task<StageLog> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var done = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) ?? []
            : [];
        return new StageLog(path, done);
    }

    public Task MarkAsync(string stage, CancellationToken cancellationToken)
    {
        done[stage] = DateTimeOffset.UtcNow;
        return AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(done, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
    }
}
